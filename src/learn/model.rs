//! [`Model`]: what every model of data offers besides its training loss.

use crate::objective::Objective;

/// A model fitted to data: an objective (its training loss) that can also
/// predict and measure its performance P(θ) on its own samples.
pub trait Model: Objective {
    /// How many numbers [`Model::predict`] writes: 1, or K class probabilities.
    fn outputs(&self) -> usize;

    /// The prediction ŷ for one input row x (length p).
    fn predict(&self, theta: &[f64], input: &[f64], out: &mut [f64]);

    /// The performance P(θ) over this model's samples (section 4.2): the
    /// error rate (one minus the accuracy) for classifiers, the mean squared
    /// error for regression. Lower is better.
    fn performance(&self, theta: &[f64]) -> f64;

    /// Whether [`Model::performance`] is an error rate.
    fn is_classifier(&self) -> bool;

    /// (C(θ), P(θ)) over this model's samples; models may compute both in one pass.
    fn loss_and_performance(&self, theta: &[f64]) -> (f64, f64) {
        (self.value(theta), self.performance(theta))
    }
}
