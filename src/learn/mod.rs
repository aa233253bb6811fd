//! Learning from data (section 4.2): finite-sum objectives (4.4) built from
//! data sets, SGD (4.10) and mini-batches (4.13) on them, validation
//! performance and early stopping (Figure 4.4).
//!
//! - [`data`]: data sets from a seed or from a person's points, with a
//!   train/validation split.
//! - [`digits`]: the 8×8 handwritten digits shipped with the site, with
//!   Figure 4.4's 1,000/500/297 split.
//! - [`loss`]: per-sample losses with their derivatives, written once.
//! - [`model`]: [`Model`], a training loss that also predicts and measures
//!   its performance P(θ).
//! - [`sum412`]: the hypothetical finite sum (4.12) of Figure 4.3, with
//!   [`hull`] for the convex hull of its minimizers.
//! - [`two_param`]: linear regression, logistic regression and the sigmoid
//!   network of Figure 4.5: two parameters, so the landscape can be drawn;
//!   [`squares`]: linear regression's squared loss in closed form, for its landscape.
//! - [`mlp`]: softmax regression and small MLPs, where pictures end;
//!   [`kernels`]: their two hot loops (SIMD in the browser, same bits).
//! - [`slice`]: a 2-D slice of a trained network's loss landscape (Li et
//!   al. 2018), on principal or filter-normalised random directions;
//!   [`snapshots`]: the weights at epoch ends, kept with a stride, for it.
//! - [`spec`]: [`DataSpec`], the serializable description that determines
//!   data and objective (with a compact text form for URLs), and what its
//!   [`Learning`] offers to draw.
//! - [`board`]: [`board::Board`], what the training page shows (charts,
//!   bands, table, progress) added up from the study's reports;
//!   [`slice_view`]: a slice drawn with the playground's landscape machinery.
//! - [`study`]: [`study::Study`], what the training page's worker runs:
//!   every method × seed trained in short calls, then a slice with every
//!   path on it.
//! - [`trainer`]: [`Trainer`], epoch-by-epoch training with any optimizer,
//!   recording training loss, validation loss and error, time, and the
//!   early-stopping epoch; steppable in small chunks.

pub mod board;
pub mod data;
pub mod digits;
pub mod hull;
pub mod kernels;
pub mod loss;
pub mod mlp;
pub mod model;
pub mod report;
pub mod slice;
pub mod slice_view;
pub mod snapshots;
pub mod spec;
pub mod squares;
pub mod study;
pub mod sum412;
pub mod trainer;
pub mod two_param;

pub use data::{Dataset, Samples, Shape, Task};
pub use loss::{Link, LossKind, PointLoss};
pub use mlp::{Activation, Mlp};
pub use model::Model;
pub use spec::{DataPoint, DataSpec, Evaluation, Learning, ModelKind};
pub use sum412::Sum412;
pub use trainer::{Batch, Best, EpochRecord, TrainConfig, TrainStatus, Trainer};
pub use two_param::{Predictor, TwoParam};
