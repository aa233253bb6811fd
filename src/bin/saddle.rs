//! The command line: runs a scene headless and prints its trajectory.
//!
//! It builds the same [`Scene`] the page builds, through the same table of
//! link keys (`src/scene/url.rs`) read in strict mode: every `--KEY VALUE`
//! is the link's `KEY=VALUE` (`--function` for `f`, `--optimizer` for `o`),
//! and anything the page would only notice is an error here (exit code 2).
//! It runs the scene through the same [`Session`], so it prints exactly the
//! iterates the page shows. The usage text is generated from the tables.

#[path = "saddle/train.rs"]
mod train;

use std::fmt::Write as _;
use std::process::ExitCode;

use saddle::keys::table::{self, Notice, Row};
use saddle::keys::{choice, int};
use saddle::lane::Lane;
use saddle::objective::catalog::FUNCTIONS;
use saddle::optim::METHODS;
use saddle::scene::{Scene, Session, url};

const HEAD: &str = "\
saddle: run the optimizers of chapter 4 headless and print their trajectories.

USAGE
  saddle run [SCENE OPTIONS] [OUTPUT OPTIONS]
  saddle url [SCENE OPTIONS]        print the scene as a playground link query
  saddle list                       functions, methods and their hyperparameters
  saddle train [TRAIN OPTIONS]      train a model on generated data, epoch by epoch (saddle train --help)
  saddle help                       this text
";

const TAIL: &str = "
`run` runs --steps iterations (default: the link's steps, else 1000).
csv columns: lane,method,iter,theta…,loss,grad_norm,f_evals,g_evals,h_evals,terms
(terms: single-sample gradients spent by SGD and mini-batches); json: the scene,
and per lane its status and full trajectory. Each lane's status goes to stderr.

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
        return Ok(usage());
    };
    match command.as_str() {
        "help" | "--help" | "-h" => Ok(format!("{}\n{}", usage(), list())),
        "list" => Ok(list()),
        "train" => train::train(&args[1..]),
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

/// The usage text, from the link's table and the output options' table.
fn usage() -> String {
    let mut out = String::from(HEAD);
    out.push_str("\nSCENE OPTIONS (each is the playground link's key, checked the same way)\n");
    out.push_str(&format!(
        "  {:<24} start from a playground link or its query string (?f=…&o=…)\n",
        "--url QUERY"
    ));
    table::usage(url::KEYS, &mut out);
    out.push_str(&format!(
        "  {:<24} a hyperparameter or lane key of the most recent --optimizer (saddle list)\n",
        "--KEY VALUE"
    ));
    out.push_str("\nOUTPUT OPTIONS\n");
    table::usage(OUTPUT, &mut out);
    out.push_str(TAIL);
    out
}

/// How `run` prints.
struct Output {
    json: bool,
    every: u64,
}

static OUTPUT: &[Row<Output>] = &[
    Row::read_only(
        choice("format", "", 0, &["csv", "json"], "what to print"),
        |o: &mut Output, v, _| {
            o.json = v.name() == "json";
            Ok(())
        },
    ),
    Row::read_only(
        int(
            "every",
            "",
            1,
            1,
            1_000_000_000,
            "print every K-th iterate (and the last)",
        ),
        |o: &mut Output, v, _| {
            o.every = v.num() as u64;
            Ok(())
        },
    ),
];

struct Options {
    scene: Scene,
    /// `--steps` given: run exactly that many.
    steps_given: bool,
    out: Output,
}

/// `--flag value` pairs, in order.
pub fn flags(args: &[String], hint: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            if arg.contains('=') {
                return Err(format!(
                    "unexpected argument '{}': a link or its query string goes after --url",
                    saddle::keys::short(arg)
                ));
            }
            return Err(format!("unexpected argument '{arg}'{hint}"));
        };
        let value = it.next().ok_or_else(|| format!("--{flag} needs a value"))?;
        out.push((flag.to_string(), value.clone()));
    }
    Ok(out)
}

/// The first notice as an error naming the option (`--tol 5: …`).
pub fn strict<T>(rows: &[Row<T>], notices: &[Notice]) -> Result<(), String> {
    match notices.first() {
        None => Ok(()),
        Some(n) => {
            let flag = table::find(rows, n.key()).map_or(n.key(), |r| r.flag_name());
            Err(n.as_flag(flag))
        }
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut base = Scene::default();
    let mut pairs: Vec<(&'static str, String)> = Vec::new();
    let mut lane: Option<Lane> = None;
    let mut out = Output { json: false, every: 1 };
    let mut output_notices = Vec::new();
    let flush = |lane: &mut Option<Lane>, pairs: &mut Vec<(&'static str, String)>| {
        if let Some(l) = lane.take() {
            pairs.push(("o", l.to_text()));
        }
    };
    for (flag, value) in flags(args, "")? {
        if flag == "url" {
            let query = value.split_once('?').map_or(value.as_str(), |(_, q)| q);
            let (scene, notices) = url::decode(query);
            if let Some(n) = notices.first() {
                return Err(format!("in --url: {n}"));
            }
            base = scene;
        } else if let Some(row) = table::find_flag(url::KEYS, &flag) {
            if row.info.key == "o" {
                flush(&mut lane, &mut pairs);
                lane = Some(Lane::parse(&value).map_err(|e| format!("--{flag} {value}: {e}"))?);
            } else {
                pairs.push((row.info.key, value));
            }
        } else if let Some(row) = table::find_flag(OUTPUT, &flag) {
            table::apply(row, &flag, &value, &mut out, &mut output_notices);
            strict(OUTPUT, &output_notices)?;
        } else {
            let l = lane
                .as_mut()
                .ok_or_else(|| format!("unknown option --{flag} (hyperparameters follow an --optimizer)"))?;
            l.set(&flag, &value).map_err(|e| format!("--{flag}: {e}"))?;
        }
    }
    flush(&mut lane, &mut pairs);
    let steps_given = pairs.iter().any(|(k, _)| *k == "steps");
    let (scene, notices) = url::decode_pairs(base, &pairs);
    strict(url::KEYS, &notices)?;
    Ok(Options {
        scene,
        steps_given,
        out,
    })
}

fn simulate(opts: Options) -> Result<String, String> {
    let scene = opts.scene;
    let steps = match (opts.steps_given, scene.steps) {
        (true, s) => s,
        (false, 0) => 1000,
        (false, s) => s,
    };
    let mut session = Session::new(scene)?;
    session.run_to(steps);
    for (k, lane) in session.lanes().iter().enumerate() {
        eprintln!("lane {k} {}: {}", lane.lane.to_text(), lane.status());
    }
    Ok(if opts.out.json {
        json(&session, opts.out.every)
    } else {
        csv(&session, opts.out.every)
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

/// Every function, method, hyperparameter and lane key, from the same tables the page uses.
fn list() -> String {
    let mut out = String::from("FUNCTIONS (--function ID)\n");
    for f in FUNCTIONS {
        let _ = writeln!(out, "  {:<18} {} = {}", f.id, f.name, f.formula);
    }
    out.push_str("\nMETHODS (--optimizer ID, then --KEY VALUE for its hyperparameters)\n");
    for m in METHODS {
        let _ = writeln!(out, "  {:<10} {} {}", m.id, m.name, m.equations);
        for p in m.params {
            let _ = writeln!(
                out,
                "      --{:<16} {} (default {}; {})",
                p.key,
                p.help,
                p.format(p.default),
                p.range_text()
            );
        }
    }
    out.push_str("\nEVERY FIRST-ORDER LANE ALSO TAKES\n");
    for k in saddle::lane::KEYS {
        let _ = writeln!(
            out,
            "      --{:<16} {} (default {}; {})",
            k.info.key,
            k.info.help,
            k.info.write(&k.info.default_value()),
            k.info.range_text()
        );
    }
    out
}
