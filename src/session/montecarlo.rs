//! The Monte Carlo view's state: the run's settings (edited by the panel), the running job
//! (started and cancelled by commands) and the summary of the samples taken so far (taken once
//! per published batch, not per frame).

use super::mc_job::{McJob, Pumped};
use crate::engine::montecarlo::{DEFAULT_SAMPLES, Spec, Summary};
use crate::model::Link;

/// The Monte Carlo view's settings and run.
pub struct McState {
    /// Samples per run.
    pub samples: u64,
    /// Seed.
    pub seed: u64,
    /// Margin target for the second yield, dB.
    pub target_db: f64,
    /// The current or last run.
    pub job: Option<McJob>,
    /// Why the last run could not start.
    pub error: Option<String>,
    /// The summary of the current run, with the chunks it covers.
    latest: Option<(u64, Summary)>,
}

impl Default for McState {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: 1,
            target_db: 0.0,
            job: None,
            error: None,
            latest: None,
        }
    }
}

impl McState {
    /// The spec of the next run.
    pub fn spec(&self) -> Spec {
        Spec {
            samples: self.samples,
            seed: self.seed,
            target_margin_db: self.target_db,
        }
    }

    /// Starts a run on `link` (cancelling any running one); `wake` is called after every batch
    /// (to request a repaint).
    pub fn start(&mut self, link: &Link, wake: impl Fn() + Send + 'static) {
        if let Some(job) = &self.job {
            job.cancel();
        }
        self.latest = None;
        match McJob::start(link, self.spec(), wake) {
            Ok(job) => {
                self.job = Some(job);
                self.error = None;
            }
            Err(e) => {
                self.job = None;
                self.error = Some(e.to_string());
            }
        }
    }

    /// Asks the running job (if any) to stop after its current batch.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Once per frame: lets a browser run make progress (see [`McJob::pump`]) and, when a new
    /// batch has been published, takes its summary.
    pub fn poll(&mut self) -> Pumped {
        let Some(job) = &mut self.job else {
            return Pumped::Idle;
        };
        let pumped = job.pump();
        let done = job.done_chunks();
        if self.latest.as_ref().is_none_or(|(seen, _)| *seen != done)
            && let Some(summary) = job.summary()
        {
            self.latest = Some((done, summary));
        }
        pumped
    }

    /// The latest (partial or final) results, as of the last [`McState::poll`].
    pub fn summary(&self) -> Option<Summary> {
        self.latest().cloned()
    }

    /// The latest results, borrowed.
    pub fn latest(&self) -> Option<&Summary> {
        self.latest.as_ref().map(|(_, s)| s)
    }
}
