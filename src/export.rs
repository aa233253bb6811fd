//! A session's runs as text: CSV (one row per recorded iterate) and JSON
//! (the scene, and per lane its status and trajectory). The command line's
//! `run` prints exactly these, and the page's export downloads them, so a
//! file from either door reads the same.

use std::fmt::Write as _;

use crate::scene::{Session, url};

/// Indices of the recorded entries to write: every k-th iteration and the last.
fn picks(iters: &[u64], every: u64) -> impl Iterator<Item = usize> + '_ {
    let every = every.max(1);
    let last = iters.len().saturating_sub(1);
    (0..iters.len()).filter(move |&k| iters[k].is_multiple_of(every) || k == last)
}

/// The CSV header: lane,method,iter,theta1…theta_d,loss,grad_norm,f_evals,g_evals,h_evals,terms.
pub fn csv_header(dim: usize) -> String {
    let mut out = String::from("lane,method,iter");
    for j in 1..=dim {
        let _ = write!(out, ",theta{j}");
    }
    out.push_str(",loss,grad_norm,f_evals,g_evals,h_evals,terms\n");
    out
}

/// One row per recorded iterate of every lane that started (every `every`-th
/// iteration and the last), numbers written so they read back exactly.
pub fn csv(session: &Session, every: u64) -> String {
    let mut out = csv_header(session.objective().dim());
    for (k, lane) in session.lanes().iter().enumerate() {
        let Some(r) = &lane.runner else { continue };
        let t = r.trajectory();
        for i in picks(&t.iter, every) {
            let _ = write!(out, "{k},{},{}", lane.lane.method.id, t.iter[i]);
            for v in t.point(i) {
                let _ = write!(out, ",{v:?}");
            }
            let e = t.evals[i];
            let _ = writeln!(
                out,
                ",{:?},{:?},{},{},{},{}",
                t.loss[i], t.grad_norm[i], e.f, e.g, e.h, e.terms
            );
        }
    }
    out
}

/// The scene and, per lane, its status and trajectory, as a JSON value.
pub fn json_value(session: &Session, every: u64) -> serde_json::Value {
    let lanes: Vec<serde_json::Value> = session
        .lanes()
        .iter()
        .map(|lane| {
            let mut v = serde_json::json!({
                "lane": lane.lane,
                "status": lane.status(),
                "status_text": lane.status().to_string(),
            });
            if let Some(r) = &lane.runner {
                let t = r.trajectory();
                let idx: Vec<usize> = picks(&t.iter, every).collect();
                v["iterations"] = r.iter().into();
                v["iter"] = idx.iter().map(|&i| t.iter[i]).collect::<Vec<_>>().into();
                v["theta"] = idx.iter().map(|&i| t.point(i).to_vec()).collect::<Vec<_>>().into();
                v["loss"] = idx.iter().map(|&i| t.loss[i]).collect::<Vec<_>>().into();
                v["grad_norm"] = idx.iter().map(|&i| t.grad_norm[i]).collect::<Vec<_>>().into();
                v["evals"] = serde_json::to_value(r.counts()).unwrap_or_default();
            }
            v
        })
        .collect();
    serde_json::json!({
        "query": url::encode(session.scene()),
        "scene": session.scene(),
        "lanes": lanes,
    })
}

/// [`json_value`], pretty-printed with a final newline.
pub fn json(session: &Session, every: u64) -> String {
    serde_json::to_string_pretty(&json_value(session, every)).unwrap_or_default() + "\n"
}
