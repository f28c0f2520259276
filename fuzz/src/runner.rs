//! The run loop: make each input, feed it under `catch_unwind` with a stopwatch and a
//! watchdog, watch memory, and write every failing input to a file that reproduces it.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use crate::alloc;
use crate::model::Depth;
use crate::seeds::Corpus;
use crate::targets::{Input, Plan, Target};

/// How a run goes.
#[derive(Debug, Clone)]
pub struct Config {
    /// What the inputs are.
    pub plan: Plan,
    /// The index of the first input (to resume, or to replay a stretch of a run).
    pub start: u64,
    /// One past the index of the last input (`plan.iterations` for a whole run).
    pub stop: u64,
    /// A call slower than this, twice in a row, is a hang.
    pub hang: Duration,
    /// A call still running after this never returns in useful time: the watchdog writes its
    /// input and ends the process (a true infinite loop cannot be interrupted in-process).
    pub abort_after: Duration,
    /// The process's resident memory may not exceed this many MiB.
    pub max_rss_mib: u64,
    /// One input may not make the code under test hold more than this many MiB at once.
    pub max_input_mib: u64,
    /// Where failing inputs are written.
    pub out_dir: PathBuf,
    /// Print progress to stderr this often.
    pub progress: Option<Duration>,
    /// Print `@checkpoint <index>` to stdout before every `n`th input, so a supervising process
    /// knows where a crash that killed this one (a stack overflow aborts) happened.
    pub checkpoint_every: Option<u64>,
}

impl Config {
    /// Defaults for a run of `iterations` inputs seeded with `seed`.
    pub fn new(seed: u64, iterations: u64) -> Config {
        Config {
            plan: Plan { seed, iterations, generate_every: 10 },
            start: 0,
            stop: iterations,
            hang: Duration::from_secs(1),
            abort_after: Duration::from_secs(60),
            max_rss_mib: 512,
            max_input_mib: 256,
            out_dir: default_out_dir(),
            progress: None,
            checkpoint_every: None,
        }
    }
}

/// `target/fuzz` of this workspace (or of `$CARGO_TARGET_DIR`).
pub fn default_out_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("fuzz")
}

/// What went wrong with one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The code under test panicked (the message and location).
    Panic(String),
    /// It took this long, twice.
    Hang(Duration),
    /// It held this many bytes at its peak.
    Memory(usize),
    /// The process outgrew `max_rss_mib` (its RSS in KiB) somewhere in a window of inputs.
    Rss(u64),
    /// The driver itself panicked while making the input: a bug here, not in the code under test.
    Driver(String),
    /// The call was still running after `abort_after`; the watchdog ended the process.
    Stuck(Duration),
    /// The process died on this input (a stack overflow or an abort), with what it printed last.
    Crash(String),
}

impl Problem {
    fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Problem::Panic(m) => json!({"kind": "panic", "message": m}),
            Problem::Hang(d) => json!({"kind": "hang", "us": d.as_micros() as u64}),
            Problem::Memory(b) => json!({"kind": "memory", "bytes": *b as u64}),
            Problem::Rss(k) => json!({"kind": "rss", "kib": k}),
            Problem::Driver(m) => json!({"kind": "driver", "message": m}),
            Problem::Stuck(d) => json!({"kind": "stuck", "us": d.as_micros() as u64}),
            Problem::Crash(m) => json!({"kind": "crash", "message": m}),
        }
    }

    fn from_json(value: &serde_json::Value) -> Option<Problem> {
        let text = || value.get("message").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_u64).unwrap_or_default();
        Some(match value.get("kind")?.as_str()? {
            "panic" => Problem::Panic(text()),
            "hang" => Problem::Hang(Duration::from_micros(number("us"))),
            "memory" => Problem::Memory(number("bytes") as usize),
            "rss" => Problem::Rss(number("kib")),
            "driver" => Problem::Driver(text()),
            "stuck" => Problem::Stuck(Duration::from_micros(number("us"))),
            "crash" => Problem::Crash(text()),
            _ => return None,
        })
    }
}

/// One failing input.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The target's name.
    pub target: &'static str,
    /// The run's seed.
    pub seed: u64,
    /// The run's size (the truncation sweep depends on it).
    pub iterations: u64,
    /// The input's index.
    pub index: u64,
    /// What happened.
    pub problem: Problem,
    /// Where the input was written, if it was.
    pub file: Option<PathBuf>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} input #{} (seed {}, iterations {}): ", self.target, self.index, self.seed, self.iterations)?;
        match &self.problem {
            Problem::Panic(message) => write!(f, "panicked: {message}")?,
            Problem::Hang(took) => write!(f, "hang: took {took:?} twice")?,
            Problem::Memory(bytes) => write!(f, "held {} MiB at its peak", bytes >> 20)?,
            Problem::Rss(kib) => write!(f, "the process's peak RSS reached {} MiB in the 1024 inputs up to this one", kib >> 10)?,
            Problem::Driver(message) => write!(f, "the driver panicked making the input: {message}")?,
            Problem::Stuck(took) => write!(f, "hang: still running after {took:?}, the watchdog ended the process")?,
            Problem::Crash(message) => write!(f, "the process died: {message}")?,
        }
        if let Some(file) = &self.file {
            write!(f, "\n    input: {}\n    replay: cargo run --release -p fuzz-driver -- --target {} --replay {}", file.display(), self.target, file.display())?;
        }
        Ok(())
    }
}

/// The figures of one target's run.
#[derive(Debug, Clone)]
pub struct Report {
    /// The target's name.
    pub target: &'static str,
    /// Inputs fed.
    pub inputs: u64,
    /// Wall time, generation included.
    pub elapsed: Duration,
    /// Time spent inside the code under test.
    pub busy: Duration,
    /// The slowest call, and its index.
    pub slowest: (Duration, u64),
    /// Accepted inputs.
    pub ok: u64,
    /// Rejected inputs (an error value, not a failure).
    pub err: u64,
    /// Counts by outcome label.
    pub labels: BTreeMap<String, u64>,
    /// Accepted and rejected counts by operation (response targets).
    pub operations: BTreeMap<String, (u64, u64)>,
    /// The largest input, in bytes.
    pub largest_input: usize,
    /// The most one input made the code under test hold, and its index.
    pub peak_input_bytes: (usize, u64),
    /// The most the driver held while making one input, and its index (the driver must be
    /// bounded too, or the process's RSS says nothing about the target).
    pub peak_generation_bytes: (usize, u64),
    /// The process's peak RSS (VmHWM) after the run, KiB.
    pub peak_rss_kib: Option<u64>,
    /// Bytes still live after the run minus before (a leak shows up here).
    pub live_growth: isize,
    /// Truncation sweep: cuts made, cuts in all.
    pub sweep: (u64, u64),
    /// Inputs slower than the hang limit once but not when run again (machine noise).
    pub slow_once: u64,
    /// Every failure.
    pub failures: Vec<Failure>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        writeln!(
            f,
            "{}: {} inputs in {:.1} s ({:.0} inputs/s, {:.0}% of it in the target); slowest {:.3} ms (#{}); ok {}, err {}",
            self.target,
            self.inputs,
            secs,
            self.inputs as f64 / secs,
            100.0 * self.busy.as_secs_f64() / secs,
            self.slowest.0.as_secs_f64() * 1e3,
            self.slowest.1,
            self.ok,
            self.err
        )?;
        let labels: Vec<String> = self.labels.iter().map(|(l, n)| format!("{l} {n}")).collect();
        writeln!(f, "    outcomes: {}", labels.join(", "))?;
        writeln!(
            f,
            "    largest input {} KiB; peak held by one input {} KiB (#{}), by the driver making one {} KiB (#{}); peak RSS {}; live bytes after the run {:+}; truncation sweep {}/{} cuts{}",
            self.largest_input >> 10,
            self.peak_input_bytes.0 >> 10,
            self.peak_input_bytes.1,
            self.peak_generation_bytes.0 >> 10,
            self.peak_generation_bytes.1,
            self.peak_rss_kib.map_or("unknown".to_string(), |k| format!("{} MiB", k >> 10)),
            self.live_growth,
            self.sweep.0,
            self.sweep.1,
            if self.slow_once > 0 { format!("; {} input(s) slow once, fast when re-run", self.slow_once) } else { String::new() }
        )?;
        if !self.operations.is_empty() {
            let ops: Vec<String> = self.operations.iter().map(|(o, (ok, err))| format!("{o} {ok}/{err}")).collect();
            writeln!(f, "    ok/err by operation: {}", ops.join(", "))?;
        }
        if self.failures.is_empty() {
            writeln!(f, "    failures: none")
        } else {
            writeln!(f, "    failures: {}", self.failures.len())?;
            for failure in &self.failures {
                writeln!(f, "    - {failure}")?;
            }
            Ok(())
        }
    }
}

impl Failure {
    /// The failure as JSON, for a supervising process.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "target": self.target, "seed": self.seed, "iterations": self.iterations, "index": self.index,
            "problem": self.problem.to_json(), "file": self.file.as_ref().map(|f| f.display().to_string()),
        })
    }

    /// Read [`to_json`](Self::to_json) back.
    pub fn from_json(value: &serde_json::Value) -> Option<Failure> {
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_u64);
        Some(Failure {
            target: crate::targets::find(value.get("target")?.as_str()?)?.name,
            seed: number("seed")?,
            iterations: number("iterations")?,
            index: number("index")?,
            problem: Problem::from_json(value.get("problem")?)?,
            file: value.get("file").and_then(serde_json::Value::as_str).map(PathBuf::from),
        })
    }
}

impl Report {
    /// An empty report for `target`.
    pub fn empty(target: &'static str) -> Report {
        Report {
            target,
            inputs: 0,
            elapsed: Duration::ZERO,
            busy: Duration::ZERO,
            slowest: (Duration::ZERO, 0),
            ok: 0,
            err: 0,
            labels: BTreeMap::new(),
            operations: BTreeMap::new(),
            largest_input: 0,
            peak_input_bytes: (0, 0),
            peak_generation_bytes: (0, 0),
            peak_rss_kib: None,
            live_growth: 0,
            sweep: (0, 0),
            slow_once: 0,
            failures: Vec::new(),
        }
    }

    /// The report as JSON, for a supervising process (one line: `@checkpoint` and `@final`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "target": self.target, "inputs": self.inputs, "elapsed_us": self.elapsed.as_micros() as u64,
            "busy_us": self.busy.as_micros() as u64, "slowest_us": self.slowest.0.as_micros() as u64, "slowest_index": self.slowest.1,
            "ok": self.ok, "err": self.err, "labels": self.labels, "operations": self.operations,
            "largest_input": self.largest_input as u64, "peak_input_bytes": self.peak_input_bytes.0 as u64,
            "peak_input_index": self.peak_input_bytes.1, "peak_generation_bytes": self.peak_generation_bytes.0 as u64,
            "peak_generation_index": self.peak_generation_bytes.1, "peak_rss_kib": self.peak_rss_kib, "live_growth": self.live_growth as i64,
            "sweep": [self.sweep.0, self.sweep.1], "slow_once": self.slow_once,
            "failures": self.failures.iter().map(Failure::to_json).collect::<Vec<_>>(),
        })
    }

    /// Read [`to_json`](Self::to_json) back.
    pub fn from_json(value: &serde_json::Value) -> Option<Report> {
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_u64).unwrap_or_default();
        let mut report = Report::empty(crate::targets::find(value.get("target")?.as_str()?)?.name);
        report.inputs = number("inputs");
        report.elapsed = Duration::from_micros(number("elapsed_us"));
        report.busy = Duration::from_micros(number("busy_us"));
        report.slowest = (Duration::from_micros(number("slowest_us")), number("slowest_index"));
        report.ok = number("ok");
        report.err = number("err");
        report.labels = value.get("labels")?.as_object()?.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or_default())).collect();
        report.operations = value
            .get("operations")?
            .as_object()?
            .iter()
            .map(|(k, v)| (k.clone(), (v.get(0).and_then(serde_json::Value::as_u64).unwrap_or_default(), v.get(1).and_then(serde_json::Value::as_u64).unwrap_or_default())))
            .collect();
        report.largest_input = number("largest_input") as usize;
        report.peak_input_bytes = (number("peak_input_bytes") as usize, number("peak_input_index"));
        report.peak_generation_bytes = (number("peak_generation_bytes") as usize, number("peak_generation_index"));
        report.peak_rss_kib = value.get("peak_rss_kib").and_then(serde_json::Value::as_u64);
        report.live_growth = value.get("live_growth").and_then(serde_json::Value::as_i64).unwrap_or_default() as isize;
        let sweep = value.get("sweep")?;
        report.sweep = (sweep.get(0)?.as_u64()?, sweep.get(1)?.as_u64()?);
        report.slow_once = number("slow_once");
        report.failures = value.get("failures")?.as_array()?.iter().filter_map(Failure::from_json).collect();
        Some(report)
    }

    /// Add the figures of another stretch of the same target's run.
    pub fn merge(&mut self, other: Report) {
        self.inputs += other.inputs;
        self.elapsed += other.elapsed;
        self.busy += other.busy;
        if other.slowest.0 > self.slowest.0 {
            self.slowest = other.slowest;
        }
        self.ok += other.ok;
        self.err += other.err;
        for (label, n) in other.labels {
            *self.labels.entry(label).or_default() += n;
        }
        for (operation, (ok, err)) in other.operations {
            let counts = self.operations.entry(operation).or_default();
            counts.0 += ok;
            counts.1 += err;
        }
        self.largest_input = self.largest_input.max(other.largest_input);
        if other.peak_input_bytes.0 > self.peak_input_bytes.0 {
            self.peak_input_bytes = other.peak_input_bytes;
        }
        if other.peak_generation_bytes.0 > self.peak_generation_bytes.0 {
            self.peak_generation_bytes = other.peak_generation_bytes;
        }
        self.peak_rss_kib = self.peak_rss_kib.max(other.peak_rss_kib);
        self.live_growth = self.live_growth.max(other.live_growth);
        self.sweep = (self.sweep.0 + other.sweep.0, self.sweep.1.max(other.sweep.1));
        self.slow_once += other.slow_once;
        self.failures.extend(other.failures);
    }
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
static FUZZING: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

/// Record panics instead of printing them while a run is going (a million inputs could print a
/// million backtraces); outside runs, panics print as usual.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FUZZING.load(Ordering::SeqCst) > 0 {
                let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
                *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{info} (thread {thread})"));
            } else {
                previous(info);
            }
        }));
    });
}

fn take_panic(payload: &(dyn std::any::Any + Send)) -> String {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_else(|| {
        payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic".into())
    })
}

/// Peak and current resident memory of this process, KiB, from `/proc/self/status`.
pub fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        status.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// Write an input where a failure report can point at it.
pub fn write_input(config: &Config, target: &Target, index: u64, input: &Input) -> Option<PathBuf> {
    std::fs::create_dir_all(&config.out_dir).ok()?;
    let path = config.out_dir.join(format!("{}-seed{}-n{}-i{}.{}", target.name, config.plan.seed, config.plan.iterations, index, target.extension()));
    std::fs::write(&path, input.encode()).ok()?;
    Some(path)
}

/// One line to stdout, flushed: a supervising process reads it while this one may yet die.
fn print_line(line: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Run one input, timed; `Err` holds the panic message.
fn call(target: &Target, input: &Input, depth: Depth) -> (Result<crate::targets::Outcome, String>, Duration) {
    let started = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| target.run(input, depth))).map_err(|payload| take_panic(payload.as_ref()));
    (result, started.elapsed())
}

/// Feed `config.plan.iterations` inputs to `target`.
pub fn run(target: &'static Target, corpus: &Corpus, config: &Config) -> Report {
    install_hook();
    FUZZING.fetch_add(1, Ordering::SeqCst);
    let plan = config.plan;
    let mut report = Report::empty(target.name);
    report.sweep = target.sweep_size(corpus, &plan);
    report.sweep = (report.sweep.1.min(config.stop).saturating_sub(config.start.min(report.sweep.1)), report.sweep.0);
    let failure = |index: u64, problem: Problem, file: Option<PathBuf>| Failure { target: target.name, seed: plan.seed, iterations: plan.iterations, index, problem, file };

    let started = Instant::now();
    let live_before = alloc::current();
    // The watchdog reads these: which input is in the target, and since when (0: none).
    let busy_index = AtomicU64::new(0);
    let busy_since = AtomicU64::new(0);
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(100));
                let since = busy_since.load(Ordering::SeqCst);
                if since == 0 {
                    continue;
                }
                let running = started.elapsed().saturating_sub(Duration::from_nanos(since));
                if running > config.abort_after && busy_since.load(Ordering::SeqCst) == since {
                    let index = busy_index.load(Ordering::SeqCst);
                    let input = target.input(corpus, &plan, index);
                    let file = write_input(config, target, index, &input);
                    let stuck = failure(index, Problem::Stuck(running), file);
                    if config.checkpoint_every.is_some() {
                        print_line(&format!("@stuck {}", stuck.to_json()));
                    }
                    eprintln!("\n{stuck}");
                    std::process::exit(3);
                }
            }
        });

        let mut last_progress = Instant::now();
        for index in config.start..config.stop.min(plan.iterations) {
            if let Some(every) = config.checkpoint_every {
                if index % every.max(1) == 0 || index == config.start {
                    let mut snapshot = report.clone();
                    snapshot.elapsed = started.elapsed();
                    snapshot.peak_rss_kib = memory_kib().map(|(hwm, _)| hwm);
                    snapshot.sweep.0 = snapshot.sweep.0.min(index.saturating_sub(config.start));
                    print_line(&format!("@checkpoint {index} {}", snapshot.to_json()));
                }
            }
            let before = alloc::reset_peak();
            let input = match panic::catch_unwind(AssertUnwindSafe(|| target.input(corpus, &plan, index))) {
                Ok(input) => input,
                Err(payload) => {
                    report.failures.push(failure(index, Problem::Driver(take_panic(payload.as_ref())), None));
                    continue;
                }
            };
            let making = alloc::peak().saturating_sub(before);
            if making > report.peak_generation_bytes.0 {
                report.peak_generation_bytes = (making, index);
            }
            let depth = target.depth(&plan, index);
            report.largest_input = report.largest_input.max(input.len());
            let baseline = alloc::reset_peak();
            busy_index.store(index, Ordering::SeqCst);
            busy_since.store(started.elapsed().as_nanos() as u64 + 1, Ordering::SeqCst);
            let (result, took) = call(target, &input, depth);
            busy_since.store(0, Ordering::SeqCst);
            let held = alloc::peak().saturating_sub(baseline);
            report.inputs += 1;
            report.busy += took;
            if took > report.slowest.0 {
                report.slowest = (took, index);
            }
            if held > report.peak_input_bytes.0 {
                report.peak_input_bytes = (held, index);
            }
            match result {
                Ok(outcome) => {
                    if outcome.ok {
                        report.ok += 1;
                    } else {
                        report.err += 1;
                    }
                    *report.labels.entry(outcome.label.to_string()).or_default() += 1;
                    if let Input::Response(response) = &input {
                        let counts = report.operations.entry(response.operation.clone()).or_default();
                        if outcome.ok {
                            counts.0 += 1;
                        } else {
                            counts.1 += 1;
                        }
                    }
                }
                Err(message) => {
                    let file = write_input(config, target, index, &input);
                    report.failures.push(failure(index, Problem::Panic(message), file));
                }
            }
            if took > config.hang {
                // Another process may have had the cores: only a second slow run counts.
                let (_, again) = call(target, &input, depth);
                if again > config.hang {
                    let file = write_input(config, target, index, &input);
                    report.failures.push(failure(index, Problem::Hang(took.min(again)), file));
                } else {
                    report.slow_once += 1;
                }
            }
            if held > (config.max_input_mib as usize) << 20 {
                let file = write_input(config, target, index, &input);
                report.failures.push(failure(index, Problem::Memory(held), file));
            }
            if index % 1024 == 0 {
                // The high-water mark, not the current RSS: a peak between two checks counts.
                if let Some((hwm, _)) = memory_kib() {
                    if hwm > config.max_rss_mib << 10 {
                        report.failures.push(failure(index, Problem::Rss(hwm), None));
                        break;
                    }
                }
            }
            if let Some(every) = config.progress {
                if index % 64 == 0 && last_progress.elapsed() >= every {
                    last_progress = Instant::now();
                    let secs = started.elapsed().as_secs_f64();
                    eprintln!(
                        "  {}: {}/{} inputs, {:.0}/s, slowest {:.1} ms, failures {}",
                        target.name,
                        index + 1,
                        plan.iterations,
                        report.inputs as f64 / secs,
                        report.slowest.0.as_secs_f64() * 1e3,
                        report.failures.len()
                    );
                }
            }
        }
        done.store(true, Ordering::SeqCst);
    });
    FUZZING.fetch_sub(1, Ordering::SeqCst);
    report.elapsed = started.elapsed();
    report.live_growth = alloc::current() as isize - live_before as isize;
    report.peak_rss_kib = memory_kib().map(|(hwm, _)| hwm);
    if let Some(hwm) = report.peak_rss_kib {
        if hwm > config.max_rss_mib << 10 && !report.failures.iter().any(|f| matches!(f.problem, Problem::Rss(_))) {
            report.failures.push(failure(config.start + report.inputs, Problem::Rss(hwm), None));
        }
    }
    report
}

/// Feed one input (from a reproduction file) with panics printed as usual; `Err` holds the
/// panic message.
pub fn replay(target: &Target, input: &Input) -> (Result<crate::targets::Outcome, String>, Duration) {
    let started = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| target.run(input, Depth::Generate))).map_err(|payload| {
        payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic".into())
    });
    (result, started.elapsed())
}
