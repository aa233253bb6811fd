//! `saddle train`: the options, then the run, then the table.
//!
//! `--data`, `--epochs` and `--seed` are the training link's keys
//! (`src/scene/train.rs`), `--batch` and `--sampling` are lane keys
//! (`src/lane.rs`), every other `--KEY` is a data option of the model
//! (`src/learn/spec/options.rs`) or a hyperparameter of the method: all read
//! through their tables, strictly.

use std::fmt::Write as _;

use saddle::keys::table::{self, Row};
use saddle::keys::{ParamInfo, ParamKind, choice, key, text};
use saddle::lane::{self, Lane};
use saddle::learn::spec::{OPTIONS, options_for};
use saddle::learn::trainer::{MAX_EPOCHS, TrainConfig, Trainer};
use saddle::learn::{DataSpec, ModelKind};
use saddle::scene::train::{self as scene, TrainScene};

use super::{flags, strict};

const HEAD: &str = "\
saddle train: train a model on generated data epoch by epoch (section 4.2) and
print, per epoch, the training loss, the validation loss and error, and the
training time; then the early-stopping epoch (Figure 4.4).

USAGE
  saddle train [--model ID | --data SPEC] [DATA KEYS] [--optimizer ID] [HYPERPARAMETERS]
               [--batch N|full] [--sampling shuffle|replacement] [--epochs N]
               [--patience N] [--seed N] [--data-seed N] [--format csv|json]
";

const TAIL: &str = "
Methods that are not first-order (L-BFGS…) always run full-batch. --seed seeds
the data (unless the spec or --data-seed has its own), the initialization and
the mini-batch order. csv: epoch,train_loss,val_loss,val_error,seconds per
epoch (epoch 0 is the start), then '# early_stopping_epoch=E val_error=V';
json: the data spec, the settings, every epoch record and the best epoch.

EXAMPLE
  saddle train --model mlp --hidden 32 --optimizer adam --lr 0.01 --batch 32 --epochs 20 --seed 1
";

/// What only the command line sets.
struct Cli {
    model: Option<ModelKind>,
    lane: Lane,
    batch: String,
    sampling: Option<String>,
    patience: Option<u32>,
    data_seed: Option<u64>,
    json: bool,
}

static CLI: &[Row<Cli>] = &[
    Row::new(
        text(
            "model",
            64,
            "sum412, linreg, logreg, signet, softmax or mlp (default mlp)",
        ),
        |c: &mut Cli, v, _| {
            c.model = Some(ModelKind::from_id(v.text())?);
            Ok(())
        },
        |_| vec![],
    ),
    Row::new(
        text(
            "optimizer",
            1000,
            "any method of 'saddle list', or id(key=value,…) (default adam)",
        ),
        |c: &mut Cli, v, _| {
            c.lane = Lane::parse(v.text())?;
            Ok(())
        },
        |_| vec![],
    )
    .aliases(&["o"]),
    Row::new(
        ParamInfo {
            default: 32.0,
            ..lane::BATCH
        },
        |c: &mut Cli, v, _| {
            c.batch = lane::BATCH.write(&v);
            Ok(())
        },
        |_| vec![],
    ),
    Row::new(
        lane::SAMPLING,
        |c: &mut Cli, v, _| {
            c.sampling = Some(v.name().to_string());
            Ok(())
        },
        |_| vec![],
    ),
    Row::new(
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
        |_| vec![],
    ),
    Row::new(
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
        |_| vec![],
    ),
    Row::new(
        choice("format", "", 0, &["csv", "json"], "what to print"),
        |c: &mut Cli, v, _| {
            c.json = v.name() == "json";
            Ok(())
        },
        |_| vec![],
    ),
];

/// The training link's keys the command line takes (one method, not `o=`).
fn scene_rows() -> impl Iterator<Item = &'static Row<scene::Draft>> {
    scene::KEYS.iter().filter(|r| !r.repeat)
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
        lane: Lane::new("adam")?,
        batch: "32".into(),
        sampling: None,
        patience: None,
        data_seed: None,
        json: false,
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
    let mut start = TrainScene::default();
    if let Some(model) = cli.model {
        start.data = DataSpec::new(model);
    }
    let mut notices = Vec::new();
    let scene = start.with(&pairs, &mut notices);
    strict(scene::KEYS, &notices)?;
    let mut spec = scene.data.clone();
    let seed = cli
        .data_seed
        .unwrap_or(if spec.is_set("seed") { spec.seed() } else { scene.seed });
    spec.set_seed(seed);
    let mut lane = cli.lane;
    lane.set("batch", &cli.batch)?;
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
    let learning = spec.build()?;
    let start = std::time::Instant::now();
    let clock = Box::new(move || start.elapsed().as_secs_f64());
    let mut trainer = Trainer::new(&learning, &config, clock)?;
    eprintln!("saddle: {} — {}", learning.spec().to_text(), learning.summary());
    trainer.run();
    eprintln!(
        "saddle: {} after {} epochs ({} iterations): {}",
        config.method.id,
        trainer.epoch(),
        trainer.iterations(),
        trainer.status()
    );
    Ok(if cli.json {
        let doc = serde_json::json!({
            "data": learning.spec(),
            "data_text": learning.spec().to_text(),
            "summary": learning.summary(),
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
        table_text(&trainer)
    })
}

/// One CSV row per epoch, then the early-stopping epoch.
fn table_text(trainer: &Trainer) -> String {
    let opt = |v: Option<f64>| v.map(|x| format!("{x:?}")).unwrap_or_default();
    let mut out = String::from("epoch,train_loss,val_loss,val_error,seconds\n");
    for r in trainer.history() {
        let _ = writeln!(
            out,
            "{},{:?},{},{},{:.6}",
            r.epoch,
            r.train_loss,
            opt(r.val_loss),
            opt(r.val_error),
            r.seconds
        );
    }
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
