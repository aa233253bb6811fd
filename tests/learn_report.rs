//! Bands: several seeds of one method summarised per epoch.

use saddle::learn::EpochRecord;
use saddle::learn::report::{Band, Metric, RunHistory, Spread, band, band_chart, quantile};

fn run(val: &[f64], loss: &[f64], best: Option<u32>) -> RunHistory {
    RunHistory {
        label: "gd(lr=0.01,batch=10)".into(),
        records: val
            .iter()
            .zip(loss)
            .enumerate()
            .map(|(e, (&v, &l))| EpochRecord {
                epoch: e as u32,
                iterations: 100 * e as u64,
                train_loss: l,
                val_loss: Some(l),
                val_error: Some(v),
                seconds: 0.01 * e as f64,
                passes: e as f64,
            })
            .collect(),
        best_epoch: best,
        lane: None,
    }
}

#[test]
fn quantiles_interpolate_like_numpy() {
    // numpy.quantile([1, 2, 3, 4], [0, .25, .5, .75, 1]) = [1, 1.75, 2.5, 3.25, 4].
    let v = [1.0, 2.0, 3.0, 4.0];
    for (q, want) in [(0.0, 1.0), (0.25, 1.75), (0.5, 2.5), (0.75, 3.25), (1.0, 4.0)] {
        assert_eq!(quantile(&v, q), want);
    }
    assert_eq!(quantile(&[7.0], 0.3), 7.0);
    assert!(quantile(&[], 0.5).is_nan());
    // numpy.median([0.1, 0.5, 0.2]) = 0.2.
    assert_eq!(quantile(&[0.1, 0.2, 0.5], 0.5), 0.2);
}

#[test]
fn a_band_is_the_median_and_spread_of_the_seeds_per_epoch() {
    let runs = [
        run(&[0.9, 0.5, 0.2, 0.3], &[2.0, 1.0, 0.5, 0.4], Some(2)),
        run(&[0.9, 0.3, 0.25, 0.1], &[2.0, 0.8, 0.6, 0.2], Some(3)),
        run(&[0.9, 0.4, f64::NAN], &[2.0, 0.9, 0.7], None),
        run(&[0.8, 0.6, 0.1, 0.2], &[2.2, 1.1, 0.3, 0.3], Some(2)),
    ];
    let b = band("gd", &runs, Metric::ValError, Spread::Range);
    assert_eq!(b.label, "gd");
    assert_eq!(b.epochs, [0, 1, 2, 3]);
    assert_eq!(b.count, [4, 4, 3, 3], "the NaN and the short run drop out");
    assert_eq!(b.median, [0.9, 0.45, 0.2, 0.2]);
    assert_eq!(b.lo, [0.8, 0.3, 0.1, 0.1]);
    assert_eq!(b.hi, [0.9, 0.6, 0.25, 0.3]);
    assert_eq!(b.best_epochs, [2, 3, 2]);
    let q = band("gd", &runs, Metric::ValError, Spread::Quartiles);
    assert_eq!(q.median, b.median);
    // Epoch 1: [0.3, 0.4, 0.5, 0.6] → quartiles 0.375 and 0.525.
    assert!((q.lo[1] - 0.375).abs() < 1e-15 && (q.hi[1] - 0.525).abs() < 1e-15);
    let loss = band("gd", &runs, Metric::TrainLoss, Spread::Range);
    assert_eq!(loss.count, [4, 4, 4, 3]);
    assert_eq!(loss.median[2], 0.55);
    let empty = band("none", &[], Metric::ValError, Spread::Range);
    assert!(empty.epochs.is_empty() && empty.median.is_empty());
}

#[test]
fn the_band_chart_fills_the_spread_and_draws_the_median_in_the_lanes_colour() {
    let runs = [run(&[0.9, 0.5], &[2.0, 1.0], None), run(&[0.7, 0.3], &[1.5, 0.5], None)];
    let bands: Vec<Band> = (0..2)
        .map(|k| band(&format!("m{k}"), &runs, Metric::TrainLoss, Spread::Range))
        .collect();
    let chart = band_chart(&bands, &[0, 3], Metric::TrainLoss);
    assert_eq!(chart.series.len(), 4, "an area and a median per band");
    assert!(chart.log_y && chart.x_label == "epoch" && chart.y_label == "training loss");
    let (area, mid) = (&chart.series[0], &chart.series[1]);
    assert!(area.area && !mid.area && !mid.faint);
    // The upper edge forwards, then the lower edge backwards: one closed polygon.
    assert_eq!(area.points, [(0.0, 2.0), (1.0, 1.0), (1.0, 0.5), (0.0, 1.5)]);
    assert_eq!(mid.points, [(0.0, 1.75), (1.0, 0.75)]);
    assert_eq!(area.color, mid.color);
    let c = saddle::plot::palette::lane(3);
    assert_eq!(
        chart.series[3].color,
        (c.0, c.1, c.2),
        "the second band has lane 4's colour"
    );
    assert!(chart.markers.is_empty(), "no early stopping on the loss");
    let v = band_chart(&bands, &[0, 3], Metric::ValError);
    assert!(!v.log_y && v.y_label == "validation error");
    // Both medians are lowest at epoch 1: one marker names both lanes.
    assert_eq!(v.markers, [(1.0, "early stop 1 (median), 4".to_string())]);
}
