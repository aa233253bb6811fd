//! `saddle train`: the options, then the run, then the table (and the slice).
//!
//! `--data`, `--epochs`, `--seed`, `--preset` and the slice's `--plane`,
//! `--res`, `--around` are the training link's keys (`src/scene/train.rs`),
//! `--batch` and `--sampling` are lane keys (`src/lane.rs`), every other
//! `--KEY` is a data option of the model (`src/learn/spec/options.rs`) or a
//! hyperparameter of the method: all read through their tables, strictly.
//! The run is the page worker's own [`Study`], so the rows are the page's.

use std::fmt::Write as _;
use std::rc::Rc;

use saddle::keys::table::{self, Row};
use saddle::keys::{ParamInfo, ParamKind, choice, int, key, text};
use saddle::lane::{self, Lane, MAX_LANES};
use saddle::learn::digits::{Digits, REPO_PATH};
use saddle::learn::report::epoch_csv;
use saddle::learn::spec::{OPTIONS, Sources, options_for};
use saddle::learn::study::Study;
use saddle::learn::trainer::{MAX_EPOCHS, TrainConfig, Trainer};
use saddle::learn::{DataSpec, ModelKind};
use saddle::scene::train::{self as scene, TrainScene};

use super::{flags, strict};

const HEAD: &str = "\
saddle train: train a model on generated data or the shipped digits epoch by
epoch (section 4.2) and print, per epoch, the training loss, the validation
loss and error, and the training time; then the early-stopping epoch
(Figure 4.4); optionally write a 2-D slice of the trained network's landscape.

USAGE
  saddle train [--model ID | --data SPEC | --url LINK | --preset ID] [DATA KEYS]
               [--optimizer ID] [HYPERPARAMETERS] [--batch N|full] [--sampling shuffle|replacement]
               [--epochs N] [--patience N] [--seed N] [--data-seed N] [--digits PATH]
               [--slice FILE.csv] [--plane pca|random] [--res N] [--around final|best]
               [--format csv|json]
";

const TAIL: &str = "
Methods that are not first-order (L-BFGS…) always run full-batch. --seed seeds
the data (unless the spec or --data-seed has its own), the initialization and
the mini-batch order. --url (a training page link) and --preset read the scene
as the page does: the data keep their own seed, and the method is the scene's
--lane (default 1) unless --optimizer is given; the rows are then the page's.
The digits model reads www/data/digits.bin (or --digits PATH). csv:
epoch,train_loss,val_loss,val_error,seconds per epoch (epoch 0 is the start),
then '# early_stopping_epoch=E val_error=V'; json: the data spec, the
settings, every epoch record and the best epoch. --slice FILE writes
a,b,loss rows of a res×res slice through the trained weights (--around) on
the principal plane of the path or random filter-normalised directions
(--plane), and says on stderr what the plane is.

EXAMPLES
  saddle train --model mlp --hidden 32 --optimizer adam --lr 0.01 --batch 32 --epochs 20 --seed 1
  saddle train --preset fig4.4 --epochs 50 --slice slice.csv
";

/// What only the command line sets.
struct Cli {
    model: Option<ModelKind>,
    lane: Option<Lane>,
    batch: Option<String>,
    sampling: Option<String>,
    patience: Option<u32>,
    data_seed: Option<u64>,
    json: bool,
    url: Option<String>,
    pick: usize,
    digits: Option<String>,
    slice: Option<String>,
}

static CLI: &[Row<Cli>] = &[
    Row::read_only(
        text(
            "model",
            64,
            "sum412, linreg, logreg, signet, softmax or mlp (default mlp)",
        ),
        |c: &mut Cli, v, _| {
            c.model = Some(ModelKind::from_id(v.text())?);
            Ok(())
        },
    ),
    Row::read_only(
        text(
            "optimizer",
            1000,
            "any method of 'saddle list', or id(key=value,…) (default adam)",
        ),
        |c: &mut Cli, v, _| {
            c.lane = Some(Lane::parse(v.text())?);
            Ok(())
        },
    )
    .aliases(&["o"]),
    Row::read_only(
        text(
            "url",
            scene::MAX_QUERY,
            "a training page link (train.html?…): its scene, read as the page reads it",
        ),
        |c: &mut Cli, v, _| {
            c.url = Some(v.text().to_string());
            Ok(())
        },
    ),
    Row::read_only(
        int(
            "lane",
            "",
            1,
            1,
            MAX_LANES as i64,
            "which method of the --url or --preset scene to train (1 is the first)",
        ),
        |c: &mut Cli, v, _| {
            c.pick = v.num() as usize - 1;
            Ok(())
        },
    ),
    Row::read_only(
        text("digits", 4096, "the digits file (default www/data/digits.bin)"),
        |c: &mut Cli, v, _| {
            c.digits = Some(v.text().to_string());
            Ok(())
        },
    ),
    Row::read_only(
        text(
            "slice",
            4096,
            "write a,b,loss rows of a slice of the landscape through the trained weights to this file",
        ),
        |c: &mut Cli, v, _| {
            c.slice = Some(v.text().to_string());
            Ok(())
        },
    ),
    Row::read_only(
        ParamInfo {
            default: 32.0,
            ..lane::BATCH
        },
        |c: &mut Cli, v, _| {
            c.batch = Some(lane::BATCH.write(&v));
            Ok(())
        },
    ),
    Row::read_only(lane::SAMPLING, |c: &mut Cli, v, _| {
        c.sampling = Some(v.name().to_string());
        Ok(())
    }),
    Row::read_only(
        key(
            "patience",
            ParamKind::IntOr {
                min: 1,
                max: MAX_EPOCHS as i64,
                word: "off",
            },
            0.0,
            "stop when the validation error has not improved for N epochs",
        ),
        |c: &mut Cli, v, _| {
            c.patience = Some(v.num() as u32).filter(|p| *p > 0);
            Ok(())
        },
    ),
    Row::read_only(
        key(
            "data-seed",
            ParamKind::Seed,
            0.0,
            "a separate seed for the data (default: the spec's, else --seed)",
        ),
        |c: &mut Cli, v, _| {
            c.data_seed = Some(v.seed());
            Ok(())
        },
    ),
    Row::read_only(
        choice("format", "", 0, &["csv", "json"], "what to print"),
        |c: &mut Cli, v, _| {
            c.json = v.name() == "json";
            Ok(())
        },
    ),
];

/// The training link's keys the command line takes (one method, not `o=`;
/// one seed, not `seeds`; the slice's centre is the method trained).
fn scene_rows() -> impl Iterator<Item = &'static Row<scene::Draft>> {
    scene::KEYS
        .iter()
        .filter(|r| !r.repeat && !["seeds", "center"].contains(&r.info.key))
}

/// The digits file's contents: `--digits`, else the repository's copy (from
/// the working directory, else from where this program was built).
fn read_digits(path: Option<&str>) -> Result<Digits, String> {
    let candidates: Vec<std::path::PathBuf> = match path {
        Some(p) => vec![p.into()],
        None => vec![
            REPO_PATH.into(),
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REPO_PATH),
        ],
    };
    let found = candidates.iter().find(|p| p.exists()).unwrap_or(&candidates[0]);
    let bytes = std::fs::read(found).map_err(|e| format!("--digits {}: {e}", found.display()))?;
    Digits::parse(&bytes).map_err(|e| format!("--digits {}: {e}", found.display()))
}

fn usage() -> String {
    let mut out = String::from(HEAD);
    out.push_str("\nOPTIONS\n");
    table::usage(CLI, &mut out);
    for r in scene_rows() {
        table::usage(std::slice::from_ref(r), &mut out);
    }
    out.push_str("  --KEY VALUE              a hyperparameter of the method, e.g. --lr 0.01 --beta 0.9\n");
    out.push_str("\nDATA KEYS (--KEY VALUE; the models that take them)\n");
    for o in OPTIONS.iter().filter(|o| o.info.key != "seed") {
        let models: Vec<&str> = o.models.iter().map(|m| m.id()).collect();
        let _ = writeln!(
            out,
            "  --{:<12} {} ({}) [{}]",
            o.info.key,
            o.info.help,
            o.info.range_text(),
            models.join(", ")
        );
    }
    out.push_str(TAIL);
    out
}

/// `saddle train`.
pub fn train(args: &[String]) -> Result<String, String> {
    if args.iter().any(|a| a == "--help" || a == "-h" || a == "help") {
        return Ok(usage());
    }
    let mut cli = Cli {
        model: None,
        lane: None,
        batch: None,
        sampling: None,
        patience: None,
        data_seed: None,
        json: false,
        url: None,
        pick: 0,
        digits: None,
        slice: None,
    };
    let mut notices = Vec::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut rest: Vec<(String, String)> = Vec::new();
    for (flag, value) in flags(args, " (try 'saddle train --help')")? {
        if let Some(row) = table::find_flag(CLI, &flag) {
            table::apply(row, &flag, &value, &mut cli, &mut notices);
            strict(CLI, &notices)?;
        } else if scene_rows().any(|r| r.reads(&flag)) {
            pairs.push((flag, value));
        } else {
            rest.push((flag, value));
        }
    }
    if cli.model.is_some() && pairs.iter().any(|(k, _)| k == "data") {
        return Err("give either --model or --data, not both".into());
    }
    // A link or a preset is read as the page reads it: its lanes and its data's own seed.
    let linked = cli.url.is_some() || pairs.iter().any(|(k, _)| k == "preset");
    let mut scene = match &cli.url {
        Some(link) => {
            let query = link.split_once('?').map_or(link.as_str(), |(_, q)| q);
            let (scene, notices) = TrainScene::decode(query);
            if let Some(n) = notices.first() {
                return Err(format!("--url: {n}"));
            }
            scene
        }
        None => {
            let preset = pairs
                .iter()
                .find(|(k, _)| k == "preset")
                .map(|(_, v)| format!("preset={v}"));
            let (scene, notices) = TrainScene::decode(preset.as_deref().unwrap_or(""));
            if let Some(n) = notices.first() {
                return Err(format!("--preset: {n}"));
            }
            scene
        }
    };
    if let Some(model) = cli.model {
        scene.data = DataSpec::new(model);
    }
    let mut notices = Vec::new();
    let scene = scene.with(&pairs, &mut notices);
    strict(scene::KEYS, &notices)?;
    let mut spec = scene.data.clone();
    if !linked || cli.data_seed.is_some() {
        let seed = cli
            .data_seed
            .unwrap_or(if spec.is_set("seed") { spec.seed() } else { scene.seed });
        spec.set_seed(seed);
    }
    let mut lane = match (&cli.lane, linked) {
        (Some(l), _) => l.clone(),
        (None, true) => scene
            .lanes
            .get(cli.pick)
            .cloned()
            .ok_or_else(|| format!("--lane {}: the scene has {} methods", cli.pick + 1, scene.lanes.len()))?,
        (None, false) => Lane::new("adam")?,
    };
    match &cli.batch {
        Some(b) => lane.set("batch", b)?,
        None if cli.lane.is_some() || !linked => lane.set("batch", "32")?,
        None => {}
    }
    if let Some(s) = &cli.sampling {
        lane.set("sampling", s)?;
    }
    for (key, value) in rest {
        if options_for(spec.model).any(|o| o.info.key == key) {
            let clamped = spec.set(&key, &value).map_err(|e| format!("--{key}: {e}"))?;
            if let Some(n) = clamped.first() {
                return Err(format!("--{key} {value}: {n}"));
            }
        } else if lane.params.has(&key) || table::find(lane::KEYS, &key).is_some() {
            lane.set(&key, &value).map_err(|e| format!("--{key}: {e}"))?;
        } else {
            return Err(format!(
                "unknown option --{key}: not a data key of {} nor a hyperparameter of {} (try 'saddle train --help')",
                spec.model.id(),
                lane.method.id
            ));
        }
    }
    let mut config = TrainConfig::from_lane(&lane, scene.epochs, scene.seed)?;
    config.patience = cli.patience;
    let digits = if spec.model.needs_file() {
        Some(read_digits(cli.digits.as_deref())?)
    } else {
        None
    };
    let learning = spec.build_from(Sources {
        digits: digits.as_ref(),
    })?;
    eprintln!("saddle: {} — {}", learning.spec().to_text(), learning.summary());
    let start = std::time::Instant::now();
    let mut study = Study::new(
        learning,
        &[lane],
        scene.epochs,
        scene.seed,
        1,
        Rc::new(move || start.elapsed().as_secs_f64()),
    )
    .with_patience(cli.patience);
    while study.work(1.0) {}
    let Some(trainer) = study.trainer(0) else {
        let report = study.report();
        return Err(report
            .runs
            .first()
            .map_or_else(|| "the run did not start".into(), |r| r.status.clone()));
    };
    eprintln!(
        "saddle: {} after {} epochs ({} iterations): {}",
        config.method.id,
        trainer.epoch(),
        trainer.iterations(),
        trainer.status()
    );
    let out = if cli.json {
        let doc = serde_json::json!({
            "data": study.learning().spec(),
            "data_text": study.learning().spec().to_text(),
            "summary": study.learning().summary(),
            "optimizer": config.method.id,
            "params": config.params.iter().map(|(p, v)| (p.key, p.format(v))).collect::<std::collections::BTreeMap<_, _>>(),
            "batch": config.batch,
            "sampling": config.sampling,
            "epochs": config.epochs,
            "seed": config.seed,
            "status": trainer.status(),
            "history": trainer.history(),
            "best_epoch": trainer.best().map(|b| b.epoch),
            "best_metric": trainer.best().map(|b| b.metric),
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    } else {
        table_text(trainer)
    };
    if let Some(path) = &cli.slice {
        let mut settings = scene.slice;
        settings.center = 0;
        let plane = study
            .slice_start(&settings)
            .map_err(|e| format!("--slice: {e}"))?
            .title
            .clone();
        eprintln!(
            "saddle: slicing {0}×{0} ({1} loss evaluations): {plane}",
            settings.res,
            settings.res * settings.res
        );
        let t = std::time::Instant::now();
        while study.slice_work(1.0) {}
        let seconds = t.elapsed().as_secs_f64();
        let csv = study.slice().map(|s| s.to_csv()).unwrap_or_default();
        std::fs::write(path, csv).map_err(|e| format!("--slice {path}: {e}"))?;
        eprintln!("saddle: wrote the slice to {path} ({seconds:.3} s)");
    }
    Ok(out)
}

/// One CSV row per epoch (the page's export), then the early-stopping epoch.
fn table_text(trainer: &Trainer) -> String {
    let mut out = epoch_csv(trainer.history());
    if let Some(b) = trainer.best() {
        let what = if trainer.history()[0].val_error.is_some() {
            "val_error"
        } else {
            "train_loss"
        };
        let _ = writeln!(out, "# early_stopping_epoch={} {what}={:?}", b.epoch, b.metric);
    }
    out
}
