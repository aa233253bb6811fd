//! The command line: runs a scene headless and prints its trajectory.
//!
//! It builds the same [`Scene`] the page builds and runs it through the same
//! [`Session`], so it prints exactly the iterates the page shows.

use std::fmt::Write as _;
use std::process::ExitCode;

use saddle::objective::catalog::FUNCTIONS;
use saddle::optim::{METHODS, ParamKind};
use saddle::scene::lane::LANE_KEYS;
use saddle::scene::{FunctionSpec, Lane, Scene, Session, url};

const USAGE: &str = "\
saddle: run the optimizers of chapter 4 headless and print their trajectories.

USAGE
  saddle run [SCENE OPTIONS] [--format csv|json] [--every K]
  saddle url [SCENE OPTIONS]        print the scene as a playground link query
  saddle list                       functions, methods and their hyperparameters
  saddle train [TRAIN OPTIONS]      train a model on generated data, epoch by epoch (saddle train --help)
  saddle help                       this text

SCENE OPTIONS
  --url QUERY          start from a playground link or its query string (?f=…&o=…)
  --function ID        a built-in function (see below)
  --expr EXPR          a typed function of x and y, e.g. 'x^2 + 3*y^2'
  --start A,B          θ^(0)
  --optimizer SPEC     add a lane: a method id, or id(key=value,…); repeatable
  --KEY VALUE          set a hyperparameter of the most recent --optimizer
  --steps N            iterations to run (default: the link's steps, else 1000)
  --seed N             random seed for mini-batches and noise
  --tol T              stop a lane when ‖∇C‖ < T (default 1e-10; 0 never)

OUTPUT
  --format csv         one row per iterate: lane,method,iter,theta…,loss,grad_norm,f_evals,g_evals,h_evals,terms
                       (terms: single-sample gradients spent by SGD and mini-batches) (default)
  --format json        the scene, and per lane its status and full trajectory
  --every K            print every K-th iterate (and the last)

EXAMPLE
  saddle run --function rosenbrock --start 0.2,-0.2 --optimizer adam --lr 0.01 --steps 1000
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("saddle: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let Some(command) = args.first() else {
        return Ok(USAGE.to_string());
    };
    match command.as_str() {
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n{}", list())),
        "list" => Ok(list()),
        "train" => train(&args[1..]),
        "run" | "url" => {
            let opts = parse(&args[1..])?;
            if command == "url" {
                return Ok(format!("?{}\n", url::encode(&opts.scene)));
            }
            simulate(opts)
        }
        other => Err(format!("unknown command '{other}' (try 'saddle help')")),
    }
}

struct Options {
    scene: Scene,
    steps: Option<u64>,
    json: bool,
    every: u64,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut scene = Scene::default();
    let mut lanes: Option<Vec<Lane>> = None;
    let mut steps = None;
    let mut json = false;
    let mut every = 1;
    let mut start: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let Some(key) = flag.strip_prefix("--") else {
            return Err(format!("unexpected argument '{flag}'"));
        };
        let value = args.get(i + 1).ok_or_else(|| format!("{flag} needs a value"))?.as_str();
        i += 2;
        match key {
            "url" => {
                let query = value.split_once('?').map_or(value, |(_, q)| q);
                let (s, notices) = url::decode(query);
                if let Some(n) = notices.first() {
                    return Err(format!("in --url: {n}"));
                }
                scene = s;
            }
            "function" => {
                if !FUNCTIONS.iter().any(|f| f.id == value) {
                    let ids: Vec<&str> = FUNCTIONS.iter().map(|f| f.id).collect();
                    return Err(format!(
                        "unknown function '{value}' (expected one of {})",
                        ids.join(", ")
                    ));
                }
                scene.function = FunctionSpec::Builtin(value.to_string());
            }
            "expr" => {
                let spec = FunctionSpec::Expr(value.to_string());
                spec.build().map_err(|e| format!("--expr: {e}"))?;
                scene.function = spec;
            }
            "start" => start = Some(value.to_string()),
            "optimizer" | "o" => {
                let lanes = lanes.get_or_insert_with(Vec::new);
                if lanes.len() >= saddle::scene::MAX_LANES {
                    return Err(format!("at most {} optimizers", saddle::scene::MAX_LANES));
                }
                lanes.push(Lane::parse(value)?);
            }
            "steps" => {
                steps = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--steps must be a whole number, not '{value}'"))?,
                )
            }
            "seed" => {
                scene.seed = value
                    .parse()
                    .map_err(|_| format!("--seed must be a whole number, not '{value}'"))?
            }
            "tol" => {
                scene.tol = value
                    .parse::<f64>()
                    .ok()
                    .filter(|t| t.is_finite() && *t >= 0.0)
                    .ok_or_else(|| format!("--tol must be a number ≥ 0, not '{value}'"))?
            }
            "format" => match value {
                "csv" => json = false,
                "json" => json = true,
                _ => return Err(format!("--format must be csv or json, not '{value}'")),
            },
            "every" => {
                every = value
                    .parse::<u64>()
                    .ok()
                    .filter(|k| *k >= 1)
                    .ok_or_else(|| format!("--every must be a whole number ≥ 1, not '{value}'"))?
            }
            _ => {
                let lane = lanes
                    .as_mut()
                    .and_then(|l| l.last_mut())
                    .ok_or_else(|| format!("unknown option --{key} (hyperparameters follow an --optimizer)"))?;
                lane.set(key, value).map_err(|e| format!("--{key}: {e}"))?;
            }
        }
    }
    if let Some(lanes) = lanes {
        scene.lanes = lanes;
    }
    if let Some(text) = start {
        let dim = scene.function.build()?.dim();
        let v: Vec<f64> = text
            .split(',')
            .map(|s| s.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("--start must be {dim} comma-separated numbers, not '{text}'"))?;
        if v.len() != dim || !v.iter().all(|x| x.is_finite()) {
            return Err(format!(
                "--start needs {dim} finite number(s) for this function, got '{text}'"
            ));
        }
        scene.start = Some(v);
    }
    Ok(Options {
        scene,
        steps,
        json,
        every,
    })
}

fn simulate(opts: Options) -> Result<String, String> {
    let steps = opts
        .steps
        .unwrap_or(if opts.scene.steps > 0 { opts.scene.steps } else { 1000 });
    if steps > saddle::scene::MAX_STEPS {
        return Err(format!("--steps {steps} is more than {}", saddle::scene::MAX_STEPS));
    }
    let mut session = Session::new(opts.scene)?;
    session.run_to(steps);
    for (k, lane) in session.lanes().iter().enumerate() {
        eprintln!("lane {k} {}: {}", lane.lane.to_text(), lane.status());
    }
    Ok(if opts.json {
        json(&session, opts.every)
    } else {
        csv(&session, opts.every)
    })
}

/// One row per recorded iterate (the page's CSV export writes the same).
fn csv(session: &Session, every: u64) -> String {
    saddle::export::csv(session, every)
}

/// The scene and every lane's run (the page's JSON export writes the same).
fn json(session: &Session, every: u64) -> String {
    saddle::export::json(session, every)
}

/// Every function, method and hyperparameter, from the same tables the page uses.
fn list() -> String {
    let mut out = String::from("FUNCTIONS (--function ID)\n");
    for f in FUNCTIONS {
        let _ = writeln!(out, "  {:<18} {} = {}", f.id, f.name, f.formula);
    }
    out.push_str("\nMETHODS (--optimizer ID, then --KEY VALUE for its hyperparameters)\n");
    for m in METHODS {
        let _ = writeln!(out, "  {:<10} {} {}", m.id, m.name, m.equations);
        for p in m.params {
            let range = match p.kind {
                ParamKind::Real { min, max, .. } => format!("{min} … {max}"),
                ParamKind::Int { min, max } => format!("{min} … {max}"),
                ParamKind::Bool => "on | off".into(),
                ParamKind::Choice(names) => names.join(" | "),
            };
            let _ = writeln!(
                out,
                "      --{:<16} {} (default {}; {range})",
                p.key,
                p.help,
                p.format(p.default)
            );
        }
    }
    out.push_str("\nEVERY FIRST-ORDER LANE ALSO TAKES\n");
    for (k, help) in LANE_KEYS {
        let _ = writeln!(out, "      --{k:<16} {help}");
    }
    out
}

const TRAIN_USAGE: &str = "\
saddle train: train a model on generated data epoch by epoch (section 4.2) and
print, per epoch, the training loss, the validation loss and error, and the
training time; then the early-stopping epoch (Figure 4.4).

USAGE
  saddle train [--model ID | --data SPEC] [DATA KEYS] [--optimizer ID] [HYPERPARAMETERS]
               [--batch N|full] [--sampling shuffle|replacement] [--epochs N]
               [--patience N] [--seed N] [--data-seed N] [--format csv|json]

DATA
  --model ID           sum412, linreg, logreg, signet, softmax or mlp (default mlp)
  --data SPEC          the whole data spec as in links, e.g. 'mlp(hidden=32-16,shape=rings)'
  --KEY VALUE          a data key of the model (below); --hidden also takes 32,16

TRAINING
  --optimizer ID       any method of 'saddle list' (default adam)
  --KEY VALUE          a hyperparameter of that method, e.g. --lr 0.01 --beta 0.9
  --batch N|full       mini-batch size n_b (1 = SGD (4.10); default 32) or full-batch;
                       methods that are not first-order (L-BFGS…) always run full-batch
  --sampling S         shuffle (a fresh permutation per epoch, default) or replacement
  --epochs N           epochs to train (default 20)
  --patience N         stop when the validation error has not improved for N epochs
  --seed N             seeds the data, the initialization and the mini-batch order (default 1)
  --data-seed N        a separate seed for the data

OUTPUT
  --format csv         epoch,train_loss,val_loss,val_error,seconds per epoch (epoch 0 is the
                       start), then '# early_stopping_epoch=E val_error=V' (default)
  --format json        the data spec, the settings, every epoch record and the best epoch

EXAMPLE
  saddle train --model mlp --hidden 32 --optimizer adam --lr 0.01 --batch 32 --epochs 20 --seed 1
";

/// `saddle train`: the options, then the run, then the table.
fn train(args: &[String]) -> Result<String, String> {
    use saddle::learn::DataSpec;
    use saddle::learn::spec::{ModelKind, keys_for};
    use saddle::learn::trainer::{Batch, MAX_EPOCHS, TrainConfig, Trainer};
    use saddle::optim::Sampling;

    if args.iter().any(|a| a == "--help" || a == "-h" || a == "help") {
        let mut out = TRAIN_USAGE.to_string();
        out.push_str("\nDATA KEYS (models that take them)\n");
        for k in saddle::learn::spec::KEYS {
            let models: Vec<&str> = k.models.iter().map(|m| m.id()).collect();
            let _ = writeln!(out, "  --{:<12} {} [{}]", k.key, k.help, models.join(", "));
        }
        return Ok(out);
    }
    let mut model: Option<String> = None;
    let mut data: Option<String> = None;
    let mut optimizer = "adam".to_string();
    let mut batch = Batch::Size { size: 32 };
    let mut sampling = Sampling::Shuffle;
    let mut epochs: u32 = 20;
    let mut patience: Option<u32> = None;
    let mut seed: u64 = 1;
    let mut data_seed: Option<u64> = None;
    let mut json = false;
    let mut rest: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let Some(key) = flag.strip_prefix("--") else {
            return Err(format!("unexpected argument '{flag}' (try 'saddle train --help')"));
        };
        let value = args.get(i + 1).ok_or_else(|| format!("{flag} needs a value"))?.clone();
        i += 2;
        let whole = |what: &str| -> Result<u64, String> {
            value
                .parse::<u64>()
                .map_err(|_| format!("--{what} must be a whole number, not '{value}'"))
        };
        match key {
            "model" => model = Some(value),
            "data" => data = Some(value),
            "optimizer" | "o" => optimizer = value,
            "batch" => {
                batch =
                    match value.as_str() {
                        "full" => Batch::Full,
                        v => Batch::Size {
                            size: v.parse::<usize>().ok().filter(|&n| n >= 1).ok_or_else(|| {
                                format!("--batch must be a positive whole number or 'full', not '{v}'")
                            })?,
                        },
                    }
            }
            "sampling" => {
                sampling = match value.as_str() {
                    "shuffle" => Sampling::Shuffle,
                    "replacement" => Sampling::Replacement,
                    v => return Err(format!("--sampling must be shuffle or replacement, not '{v}'")),
                }
            }
            "epochs" => {
                epochs = whole("epochs")?
                    .try_into()
                    .ok()
                    .filter(|e| (1..=MAX_EPOCHS).contains(e))
                    .ok_or_else(|| format!("--epochs must be 1 to {MAX_EPOCHS}, not '{value}'"))?
            }
            "patience" => {
                patience = Some(
                    whole("patience")?
                        .try_into()
                        .ok()
                        .filter(|p| *p >= 1)
                        .ok_or_else(|| format!("--patience must be a whole number ≥ 1, not '{value}'"))?,
                )
            }
            "seed" => seed = whole("seed")?,
            "data-seed" => data_seed = Some(whole("data-seed")?),
            "format" => match value.as_str() {
                "csv" => json = false,
                "json" => json = true,
                v => return Err(format!("--format must be csv or json, not '{v}'")),
            },
            _ => rest.push((key.to_string(), value)),
        }
    }
    let mut spec = match (&data, &model) {
        (Some(_), Some(_)) => return Err("give either --model or --data, not both".into()),
        (Some(text), None) => DataSpec::parse(text).map_err(|e| format!("--data: {e}"))?,
        (None, Some(id)) => {
            let kind = ModelKind::parse(id).ok_or_else(|| {
                let ids: Vec<&str> = ModelKind::ALL.iter().map(|m| m.1).collect();
                format!("unknown model '{id}' (expected one of {})", ids.join(", "))
            })?;
            DataSpec::new(kind)
        }
        (None, None) => DataSpec::new(ModelKind::Mlp),
    };
    let spec_has_seed = data.as_deref().is_some_and(|t| t.contains("seed="));
    spec.seed = data_seed.unwrap_or(if spec_has_seed { spec.seed } else { seed });
    let mut config = TrainConfig::new(&optimizer)?;
    for (key, value) in rest {
        if keys_for(spec.model).any(|k| k.key == key) {
            let value = if key == "hidden" {
                value.replace(',', "-")
            } else {
                value
            };
            spec.set(&key, &value).map_err(|e| format!("--{key}: {e}"))?;
        } else if config.params.has(&key) {
            config
                .params
                .set_text(&key, &value)
                .map_err(|e| format!("--{key}: {e}"))?;
        } else {
            return Err(format!(
                "unknown option --{key}: not a data key of {} nor a hyperparameter of {} (try 'saddle train --help')",
                spec.model.id(),
                config.method.id
            ));
        }
    }
    for notice in spec.clamp() {
        eprintln!("saddle: {notice}");
    }
    config.batch = batch;
    config.sampling = sampling;
    config.epochs = epochs;
    config.patience = patience;
    config.seed = seed;
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
    Ok(if json {
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
    })
}
