//! Text alternatives for the pictures: the numbers a chart draws, as a table
//! a screen reader (or anyone) can read. They are taken from the very
//! [`Chart`](crate::plot::chart::Chart) that is drawn, so the table and the
//! picture cannot disagree.

use serde::Serialize;

use super::{ChartKind, Playground};

/// One curve of a chart, named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableSeries {
    /// "Lane 2: Adam", "Lane 1: Gradient descent (mini-batch loss)", "C along the ray".
    pub label: String,
    /// CSS colour of the curve.
    pub color: String,
    /// The points drawn, (x, y).
    pub points: Vec<(f64, f64)>,
}

/// A chart as data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartTable {
    pub x_label: String,
    pub y_label: String,
    pub log_y: bool,
    pub series: Vec<TableSeries>,
    /// The vertical markers: (x, label).
    pub markers: Vec<(f64, String)>,
}

impl Playground {
    /// The series chart `kind` draws, each named after its lane.
    pub fn chart_data(&self, kind: ChartKind) -> ChartTable {
        let chart = self.chart(kind);
        let names: Vec<((u8, u8, u8), String)> = self
            .lanes_shown()
            .enumerate()
            .map(|(k, l)| (l.rgb(), lane_name(k, &l.run.lane)))
            .collect();
        let series = chart
            .series
            .iter()
            .map(|s| {
                let lane = names.iter().find(|(c, _)| *c == s.color).map(|(_, n)| n.as_str());
                let label = match (lane, kind, s.faint) {
                    _ if !s.name.is_empty() => s.name.clone(),
                    (Some(n), ChartKind::Ray, _) => format!("{n}: line-search probes"),
                    (Some(n), _, true) => format!("{n} (mini-batch loss)"),
                    (Some(n), _, false) => n.to_string(),
                    (None, _, _) => chart.y_label.clone(),
                };
                TableSeries {
                    label,
                    color: format!("#{:02x}{:02x}{:02x}", s.color.0, s.color.1, s.color.2),
                    points: s.points.clone(),
                }
            })
            .collect();
        ChartTable {
            x_label: chart.x_label,
            y_label: chart.y_label,
            log_y: chart.log_y,
            series,
            markers: chart.markers,
        }
    }
}

impl Playground {
    /// The data panel as tables: the training and validation points, and
    /// every lane's current model ŷ(x) as drawn; `None` without 1-D data.
    pub fn data_table(&self) -> Option<ChartTable> {
        let scene = self.data_scene()?;
        let points = |validation: bool| -> Vec<(f64, f64)> {
            scene
                .dots
                .iter()
                .filter(|d| d.validation == validation)
                .map(|d| (d.x, d.y))
                .collect()
        };
        let mut series = vec![
            TableSeries {
                label: "training points".into(),
                color: "#28282f".into(),
                points: points(false),
            },
            TableSeries {
                label: "validation points".into(),
                color: "#96969f".into(),
                points: points(true),
            },
        ];
        series.retain(|s| !s.points.is_empty());
        let names: Vec<((u8, u8, u8), String)> = self
            .lanes_shown()
            .enumerate()
            .map(|(k, l)| (l.rgb(), lane_name(k, &l.run.lane)))
            .collect();
        for (color, pts) in &scene.curves {
            let name = names
                .iter()
                .find(|(c, _)| c == color)
                .map_or("a lane", |(_, n)| n.as_str());
            series.push(TableSeries {
                label: format!("{name}: its model ŷ(x)"),
                color: format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2),
                points: pts.clone(),
            });
        }
        Some(ChartTable {
            x_label: "x".into(),
            y_label: "y".into(),
            log_y: false,
            series,
            markers: Vec::new(),
        })
    }
}

/// "Lane 2: Adam", or the lane's label: "Lane 2: fast start".
fn lane_name(k: usize, lane: &crate::scene::Lane) -> String {
    format!("Lane {}: {}", k + 1, lane.label.as_deref().unwrap_or(lane.method.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_points_the_chart_draws() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=gd(lr=0.1)&o=adam(lr=0.05)");
        pg.step(20);
        let chart = pg.chart(ChartKind::Loss);
        let table = pg.chart_data(ChartKind::Loss);
        assert_eq!(table.series.len(), 2);
        assert_eq!(table.series[0].label, "Lane 1: Gradient descent");
        assert_eq!(table.series[1].label, "Lane 2: Adam");
        assert_eq!(table.series[0].points, chart.series[0].points);
        assert_eq!(table.series[0].points.len(), 21);
        assert_eq!(table.series[0].points[0].0, 0.0);
        assert_eq!(
            table.series[1].color,
            crate::plot::palette::hex(crate::plot::palette::lane(1))
        );
        assert_eq!(table.x_label, chart.x_label);
        assert!(table.y_label.contains("loss"));
    }

    #[test]
    fn a_mini_batch_lane_has_its_noisy_loss_named() {
        let (mut pg, _) = Playground::open("data=linreg(n=20)&o=gd(lr=0.05,batch=4)");
        pg.step(5);
        let t = pg.chart_data(ChartKind::Loss);
        let labels: Vec<&str> = t.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Lane 1: Gradient descent (mini-batch loss)", "Lane 1: Gradient descent"]
        );
    }

    #[test]
    fn the_data_table_lists_the_points_and_each_lanes_model() {
        let (mut pg, _) = Playground::open("data=linreg(n=12)&o=gd(lr=0.05)");
        pg.step(3);
        let t = pg.data_table().expect("1-D data");
        let points: usize = t
            .series
            .iter()
            .filter(|s| s.label.ends_with("points"))
            .map(|s| s.points.len())
            .sum();
        assert_eq!(points, pg.data_points().len());
        let model = t.series.last().unwrap();
        assert_eq!(model.label, "Lane 1: Gradient descent: its model ŷ(x)");
        assert!(model.points.len() > 10);
        let (none, _) = Playground::open("f=bowl");
        assert!(none.data_table().is_none());
    }

    #[test]
    fn the_ray_chart_names_the_function_along_the_ray_and_the_probes() {
        let (mut pg, _) = Playground::open("f=rosenbrock&start=0.4,-0.2&o=gd(ls=exact)");
        pg.step(1);
        let t = pg.chart_data(ChartKind::Ray);
        let labels: Vec<&str> = t.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "C(θ + α θ_d)",
                "lane 1 (Gradient descent): rejected probes",
                "lane 1 (Gradient descent): the accepted step"
            ]
        );
        assert_eq!(t.series[2].points.len(), 1, "one accepted probe");
        assert_eq!(t.markers.len(), 1);
    }
}
