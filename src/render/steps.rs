//! The bound on the loops a template can spin: `range`, the one way a template makes a
//! loop longer than the source's data, counts what it gives against a budget per output.
//!
//! The template engine has no time limit, and reading the clock would make an output
//! depend on the machine's speed; a count does not. Nested loops of `range(end=100000)`
//! ran until the process was killed; they now stop at the budget with an error naming the
//! output. What a template prints is bounded separately ([`super::budget`]); loops over the
//! source's own data are bounded by the source's limits.

use std::cell::Cell;

use tera::{Kwargs, State, TeraResult};

/// The most numbers `range` may give while one output is rendered: ten million, some
/// seconds of looping, far beyond what a notice needs (the built-in templates never call it).
pub const MAX_RANGE_STEPS: u64 = 10_000_000;

thread_local! {
    /// The numbers `range` may still give on this thread's current output.
    static LEFT: Cell<u64> = const { Cell::new(MAX_RANGE_STEPS) };
    /// Whether `range` refused because the budget ran out (the engine's error is its own).
    static SPENT: Cell<bool> = const { Cell::new(false) };
}

/// Starts the budget of an output rendered on this thread.
pub fn reset() {
    LEFT.with(|left| left.set(MAX_RANGE_STEPS));
    SPENT.with(|spent| spent.set(false));
}

/// Whether the output just rendered on this thread ran out of its budget.
pub fn spent() -> bool {
    SPENT.with(Cell::get)
}

/// Replaces the engine's `range` by one that counts against the budget; otherwise the same
/// function (`start`, `end`, `step_by`).
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("range", range);
}

fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    let start = kwargs.get::<i64>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let span = (i128::from(end) - i128::from(start)).unsigned_abs();
    let stride = i128::from(step).unsigned_abs();
    let count = if (end >= start) == (step > 0) {
        span.div_ceil(stride)
    } else {
        0
    };
    let count = u64::try_from(count).unwrap_or(u64::MAX);
    let allowed = LEFT.with(|left| {
        let have = left.get();
        if count > have {
            false
        } else {
            left.set(have - count);
            true
        }
    });
    if !allowed {
        SPENT.with(|spent| spent.set(true));
        return Err(tera::Error::message(format!(
            "Function `range` would give more than {MAX_RANGE_STEPS} numbers while one output is rendered"
        )));
    }
    let mut numbers = Vec::with_capacity(count as usize);
    let mut at = start;
    for _ in 0..count {
        numbers.push(at);
        at = at.saturating_add(step);
    }
    Ok(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> tera::TeraResult<String> {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", template)?;
        reset();
        tera.render("t", &tera::Context::new())
    }

    #[test]
    fn range_gives_what_the_engine_gave() {
        assert_eq!(
            render("{% for i in range(end=3) %}{{ i }}{% endfor %}").unwrap(),
            "012"
        );
        assert_eq!(
            render("{% for i in range(start=5, end=0, step_by=-2) %}{{ i }},{% endfor %}").unwrap(),
            "5,3,1,"
        );
        assert_eq!(
            render("{% for i in range(start=1, end=10, step_by=4) %}{{ i }},{% endfor %}").unwrap(),
            "1,5,9,"
        );
        assert!(render("{{ range(end=3, step_by=0) }}").is_err());
        assert!(!spent());
    }

    #[test]
    fn nested_loops_stop_at_the_budget() {
        let spin = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        assert!(render(spin).is_err());
        assert!(spent());
    }
}
