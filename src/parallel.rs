//! Work shared among the cores of one build: two independent steps at once, or a list of
//! tasks taken one after another by a few threads. Results always come back in the order
//! given, whatever the threads' timing, so the output stays the same bytes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads a build may use: one per core.
pub fn available() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Below this many bytes, hashing or writing files is quicker on one thread than the time
/// it takes to start a second (measured: ~0.1 ms to start and join a thread, ~1 GB/s for
/// hashing and writing).
pub const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// The threads worth using for hashing or writing `bytes` bytes.
pub fn jobs_for_bytes(bytes: usize) -> usize {
    if bytes < MIN_PARALLEL_BYTES {
        1
    } else {
        available()
    }
}

/// Below this many bytes of source, a build is quicker on one thread: its steps take
/// less time than starting threads for them (measured on 2 cores: the 11 KB default source
/// built slower on two threads, a 136 KB one of 1,000 items faster).
pub const MIN_PARALLEL_SOURCE_BYTES: u64 = 64 << 10;

/// The threads worth using to build the source at `path`, by its size.
pub fn jobs_for_source(path: &std::path::Path) -> usize {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() >= MIN_PARALLEL_SOURCE_BYTES => available(),
        _ => 1,
    }
}

thread_local! {
    /// Whether the process ends when this thread's command does (see [`leave_to_exit`]).
    static EXITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Says that the process ends when the command running on this thread does: from then on,
/// what [`drop_later`] is given on this thread is left for the exit to free. A command that
/// builds one source and ends (`build`, `check`) spent a tenth of its time freeing the
/// compiled templates and the rendering's values, memory that exiting frees at once. Never
/// called where a thread renders again and again (`serve`, a federation).
pub fn leave_to_exit() {
    EXITING.with(|exiting| exiting.set(true));
}

/// Drops `value` on a thread of its own when `jobs` allows more than one, so that freeing a
/// large source's thousands of small allocations (a few milliseconds at 10,000 items) is
/// not waited for; otherwise drops it here. After [`leave_to_exit`] on this thread, it is
/// not dropped at all: the process's exit frees its memory.
pub fn drop_later<T: Send + 'static>(jobs: usize, value: T) {
    if EXITING.with(std::cell::Cell::get) {
        std::mem::forget(value);
        return;
    }
    if jobs < 2 {
        drop(value);
        return;
    }
    // Not joined: nothing waits for the memory, and a process that exits first frees it all
    // at once. If no thread can be had, the value is dropped with the closure, here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Runs `first` here and `second` on another thread, and returns both results. With
/// `jobs` 1, runs them one after the other on this thread.
pub fn join<A, B>(
    jobs: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B)
where
    A: Send,
    B: Send,
{
    if jobs < 2 {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(second);
        let a = first();
        let b = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

/// Applies `task` to every item on up to `jobs` threads (this one included) and returns the
/// results in the order of `items`. Each thread takes the next item not yet taken, so a long
/// task does not hold up short ones queued behind it.
pub fn map<T, R>(items: &[T], jobs: usize, task: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.min(items.len());
    if jobs < 2 {
        return items.iter().map(task).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            let result = task(item);
            *slots[index].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..jobs).map(|_| scope.spawn(work)).collect();
        work();
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every item was taken by a thread")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn map_keeps_the_order_of_the_items_whatever_the_timing() {
        let items: Vec<u64> = (0..40).collect();
        for jobs in [1, 2, 3, 8, 100] {
            let results = map(&items, jobs, |&n| {
                // Early items take longest, so threads finish out of order.
                std::thread::sleep(Duration::from_micros((40 - n) * 50));
                n * n
            });
            assert_eq!(results, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn map_uses_several_threads_when_asked() {
        // Each task waits (up to a few seconds) until two tasks have started, which only
        // a second thread can make happen.
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..8).collect();
        let threads = map(&items, 2, |_| {
            started.fetch_add(1, Ordering::SeqCst);
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            while started.load(Ordering::SeqCst) < 2 && std::time::Instant::now() < deadline {
                std::thread::yield_now();
            }
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = threads.into_iter().collect();
        assert_eq!(distinct.len(), 2);
        let single = map(&items, 1, |_| std::thread::current().id());
        assert!(single.iter().all(|&id| id == std::thread::current().id()));
    }

    /// Says on a channel which thread dropped it.
    struct Tell(std::sync::mpsc::Sender<std::thread::ThreadId>);
    impl Drop for Tell {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn drop_later_drops_here_with_one_job_and_elsewhere_with_more() {
        let (sender, dropped) = std::sync::mpsc::channel();
        drop_later(1, Tell(sender.clone()));
        assert_eq!(dropped.try_recv(), Ok(std::thread::current().id()));
        drop_later(2, Tell(sender));
        let by = dropped
            .recv_timeout(Duration::from_secs(10))
            .expect("dropped");
        assert_ne!(by, std::thread::current().id());
    }

    #[test]
    fn after_leave_to_exit_nothing_given_is_dropped_on_this_thread_only() {
        struct Counted(Arc<AtomicUsize>);
        impl Drop for Counted {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let drops = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&drops);
        std::thread::spawn(move || {
            drop_later(1, Counted(Arc::clone(&counted)));
            assert_eq!(counted.load(Ordering::SeqCst), 1);
            leave_to_exit();
            drop_later(1, Counted(Arc::clone(&counted)));
            drop_later(2, Counted(Arc::clone(&counted)));
            assert_eq!(counted.load(Ordering::SeqCst), 1);
        })
        .join()
        .unwrap();
        // Another thread still drops what it is given.
        drop_later(1, Counted(Arc::clone(&drops)));
        assert_eq!(drops.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn join_returns_both_results_in_their_places() {
        for jobs in [1, 2] {
            let (a, b) = join(jobs, || "first".to_owned(), || 2 + 2);
            assert_eq!((a.as_str(), b), ("first", 4));
        }
    }

    #[test]
    fn a_panic_in_a_helper_thread_reaches_the_caller() {
        let items = [1, 2, 3, 4];
        let caught = std::panic::catch_unwind(|| {
            map(&items, 2, |&n| {
                assert!(n != 4, "task four failed");
                n
            })
        });
        assert!(caught.is_err());
    }
}
