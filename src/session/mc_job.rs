//! A Monte Carlo run in the background: a worker thread runs batches of chunks (on rayon's pool)
//! and publishes the tally after each, so the UI shows progress and partial results, and can
//! cancel between batches. The frame loop never waits for it. In a browser (no threads) the same
//! batches run a few milliseconds per frame from [`McJob::pump`], in the same order, so the
//! numbers are the same.

use crate::engine::LinkError;
use crate::engine::montecarlo::{MonteCarlo, Spec, Summary, Tally};
use crate::model::Link;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use web_time::Instant;

/// Chunks per published batch (16 × 4096 = 65 536 samples, a few ms on two cores).
const BATCH_CHUNKS: u64 = 16;

/// State shared with the worker.
struct Shared {
    done_chunks: AtomicU64,
    cancel: AtomicBool,
    finished: AtomicBool,
    tally: Mutex<Option<Tally>>,
}

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum JobState {
    /// Still sampling: fraction done.
    Running(f64),
    /// All samples taken.
    Finished,
    /// Stopped by the user.
    Cancelled,
}

/// What a frame's [`McJob::pump`] did.
#[derive(Debug, PartialEq)]
pub enum Pumped {
    /// Nothing (a native run works on its own thread).
    Idle,
    /// Ran some batches; more are left (ask for another frame).
    More,
    /// The run has just ended (finished or cancelled) with this summary.
    Ended(Box<Summary>),
}

/// A running (or finished) Monte Carlo job.
pub struct McJob {
    mc: Arc<MonteCarlo>,
    shared: Arc<Shared>,
    started: Instant,
    elapsed: Option<Duration>,
    /// The link it samples (to tell whether the document has changed since).
    pub link: Link,
    /// Browser only: the next chunk and the running tally.
    #[cfg(target_arch = "wasm32")]
    cursor: (u64, Tally),
}

/// Browser only: milliseconds of sampling per frame.
#[cfg(target_arch = "wasm32")]
const FRAME_BUDGET_MS: u128 = 12;

impl McJob {
    /// Starts sampling `link`; `wake` is called after every batch (to request a repaint).
    pub fn start(
        link: &Link,
        spec: Spec,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, LinkError> {
        let mc = Arc::new(MonteCarlo::new(link, spec)?);
        let shared = Arc::new(Shared {
            done_chunks: AtomicU64::new(0),
            cancel: AtomicBool::new(false),
            finished: AtomicBool::new(false),
            tally: Mutex::new(None),
        });
        #[cfg(not(target_arch = "wasm32"))]
        {
            let (worker_mc, worker_shared) = (Arc::clone(&mc), Arc::clone(&shared));
            std::thread::Builder::new()
                .name("monte-carlo".into())
                .spawn(move || work(&worker_mc, &worker_shared, wake))
                .map_err(|e| {
                    LinkError::invalid("montecarlo", format!("cannot start a thread: {e}"))
                })?;
        }
        #[cfg(target_arch = "wasm32")]
        let _ = wake;
        Ok(Self {
            #[cfg(target_arch = "wasm32")]
            cursor: (0, mc.empty_tally()),
            mc,
            shared,
            started: Instant::now(),
            elapsed: None,
            link: link.clone(),
        })
    }

    /// Browser only: runs batches for a few milliseconds and publishes the tally; says whether
    /// there is more to do (the caller asks for another frame) or the run has just ended. On
    /// native a thread works, and this does nothing.
    pub fn pump(&mut self) -> Pumped {
        #[cfg(target_arch = "wasm32")]
        {
            let total = self.mc.chunk_count();
            let started = Instant::now();
            while self.cursor.0 < total && !self.shared.cancel.load(Ordering::Relaxed) {
                let end = (self.cursor.0 + BATCH_CHUNKS).min(total);
                self.mc.run_chunks(self.cursor.0..end, &mut self.cursor.1);
                self.cursor.0 = end;
                if let Ok(mut slot) = self.shared.tally.lock() {
                    *slot = Some(self.cursor.1.clone());
                }
                self.shared.done_chunks.store(end, Ordering::Release);
                if started.elapsed().as_millis() >= FRAME_BUDGET_MS {
                    break;
                }
            }
            let more = self.cursor.0 < total && !self.shared.cancel.load(Ordering::Relaxed);
            if more {
                Pumped::More
            } else if !self.shared.finished.swap(true, Ordering::AcqRel) {
                Pumped::Ended(Box::new(self.mc.summary(&self.cursor.1)))
            } else {
                Pumped::Idle
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        Pumped::Idle
    }

    /// Chunks sampled so far (grows with every published batch).
    pub fn done_chunks(&self) -> u64 {
        self.shared.done_chunks.load(Ordering::Acquire)
    }

    /// Asks the worker to stop after its current batch.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    /// Where the run stands.
    pub fn state(&self) -> JobState {
        let total = self.mc.chunk_count();
        let done = self.shared.done_chunks.load(Ordering::Acquire);
        if done >= total {
            JobState::Finished
        } else if self.shared.finished.load(Ordering::Acquire) {
            JobState::Cancelled
        } else {
            JobState::Running(done as f64 / total as f64)
        }
    }

    /// True while the worker is sampling.
    pub fn is_running(&self) -> bool {
        matches!(self.state(), JobState::Running(_))
    }

    /// The summary of the samples taken so far (`None` before the first batch).
    pub fn summary(&self) -> Option<Summary> {
        let tally = self.shared.tally.lock().ok()?.clone()?;
        Some(self.mc.summary(&tally))
    }

    /// Wall time of the run (until it ended), s.
    pub fn seconds(&mut self) -> f64 {
        if self.elapsed.is_none() && !self.is_running() {
            self.elapsed = Some(self.started.elapsed());
        }
        self.elapsed
            .unwrap_or_else(|| self.started.elapsed())
            .as_secs_f64()
    }
}

impl Drop for McJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn work(mc: &MonteCarlo, shared: &Shared, wake: impl Fn()) {
    let total = mc.chunk_count();
    let mut tally = mc.empty_tally();
    let mut start = 0;
    while start < total && !shared.cancel.load(Ordering::Relaxed) {
        let end = (start + BATCH_CHUNKS).min(total);
        mc.run_chunks(start..end, &mut tally);
        if let Ok(mut slot) = shared.tally.lock() {
            *slot = Some(tally.clone());
        }
        shared.done_chunks.store(end, Ordering::Release);
        start = end;
        wake();
    }
    shared.finished.store(true, Ordering::Release);
    wake();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::montecarlo;
    use crate::io::preset;

    fn wait(job: &McJob) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while job.is_running() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_finished_job_equals_the_one_shot_run() {
        let link = preset("teraphy-8l").unwrap();
        let spec = Spec::new(300_000, 99, 0.0);
        let job = McJob::start(&link, spec, || {}).unwrap();
        wait(&job);
        assert_eq!(job.state(), JobState::Finished);
        assert_eq!(
            job.summary().unwrap(),
            montecarlo::run(&link, spec).unwrap()
        );
    }

    #[test]
    fn a_cancelled_job_stops_early_with_its_partial_result() {
        let link = preset("teraphy-8l").unwrap();
        let spec = Spec::new(200_000_000, 1, 0.0);
        let job = McJob::start(&link, spec, || {}).unwrap();
        while job.summary().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        job.cancel();
        wait(&job);
        assert_eq!(job.state(), JobState::Cancelled);
        let partial = job.summary().unwrap();
        assert!(partial.samples > 0 && partial.samples < spec.samples);
        assert_eq!(
            partial.samples % (BATCH_CHUNKS * montecarlo::CHUNK_SAMPLES),
            0
        );
    }
}
