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
  --format csv         one row per iterate: lane,method,iter,theta…,loss,grad_norm,f_evals,g_evals,h_evals (default)
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

/// Indices of the recorded entries to print: every k-th iteration and the last.
fn picks(iters: &[u64], every: u64) -> impl Iterator<Item = usize> + '_ {
    let last = iters.len().saturating_sub(1);
    (0..iters.len()).filter(move |&k| iters[k].is_multiple_of(every) || k == last)
}

fn csv(session: &Session, every: u64) -> String {
    let d = session.objective().dim();
    let mut out = String::from("lane,method,iter");
    for j in 1..=d {
        let _ = write!(out, ",theta{j}");
    }
    out.push_str(",loss,grad_norm,f_evals,g_evals,h_evals\n");
    for (k, lane) in session.lanes().iter().enumerate() {
        let Some(r) = &lane.runner else { continue };
        let t = r.trajectory();
        for i in picks(&t.iter, every) {
            let _ = write!(out, "{k},{},{}", lane.lane.method.id, t.iter[i]);
            for v in t.point(i) {
                let _ = write!(out, ",{v:?}");
            }
            let e = t.evals[i];
            let _ = writeln!(out, ",{:?},{:?},{},{},{}", t.loss[i], t.grad_norm[i], e.f, e.g, e.h);
        }
    }
    out
}

fn json(session: &Session, every: u64) -> String {
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
    let doc = serde_json::json!({
        "query": url::encode(session.scene()),
        "scene": session.scene(),
        "lanes": lanes,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
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
