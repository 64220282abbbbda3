//! The bound on what one render may write: the outputs of a source together.
//!
//! The template engine has no bound of its own, and a template (or a source whose long item
//! is printed by many parts) could grow an output until memory runs out. Every output is
//! written through a [`Capped`] writer that draws on one [`Budget`] per render, so the
//! render stops at the first write past the limit, wherever it is, with the output named.

use std::sync::atomic::{AtomicU64, Ordering};

/// The most bytes the outputs of one source may hold together: as much as a build reads
/// back of an output it wrote ([`crate::fs::MAX_FILE_BYTES`]), about ten times what the
/// largest source accepted prints (a 4 MiB source of 28,000 items: 28 MB).
pub const MAX_OUTPUT_BYTES: u64 = crate::fs::MAX_FILE_BYTES;

/// The bytes left to the outputs of one render, shared by the threads that render them.
#[derive(Debug)]
pub struct Budget {
    left: AtomicU64,
    limit: u64,
}

impl Budget {
    /// A budget of `limit` bytes.
    pub fn new(limit: u64) -> Budget {
        Budget {
            left: AtomicU64::new(limit),
            limit,
        }
    }

    /// The bytes the budget started with.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Takes `bytes` from the budget; false, taking nothing, when fewer are left.
    fn take(&self, bytes: u64) -> bool {
        self.left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(bytes)
            })
            .is_ok()
    }
}

/// A writer into memory that stops, with an error, at the first write the budget cannot pay.
pub struct Capped<'a> {
    /// What was written.
    pub bytes: Vec<u8>,
    budget: &'a Budget,
    /// Whether a write went past the budget (the error the engine reports is its own).
    pub exceeded: bool,
}

impl<'a> Capped<'a> {
    /// An empty output drawing on `budget`.
    pub fn new(budget: &'a Budget) -> Capped<'a> {
        Capped {
            bytes: Vec::new(),
            budget,
            exceeded: false,
        }
    }
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.exceeded || !self.budget.take(buf.len() as u64) {
            self.exceeded = true;
            return Err(std::io::Error::other("the outputs are larger than allowed"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn writers_share_one_budget_and_stop_at_its_end() {
        let budget = Budget::new(10);
        let mut a = Capped::new(&budget);
        let mut b = Capped::new(&budget);
        a.write_all(b"123456").unwrap();
        assert!(b.write_all(b"12345").is_err());
        assert!(b.exceeded && !a.exceeded);
        a.write_all(b"1234").unwrap();
        assert_eq!(a.bytes, b"1234561234");
        assert!(a.write_all(b"x").is_err());
    }
}
