//! Native benchmark of the engine's stages on one export, to see where time goes:
//! scanning records, counting cells into dictionaries, recognising columns, summarising.
//!
//! ```text
//! cargo run --release --example stages -- FILE [--by COLUMN] [--runs N]
//! ```

use std::time::{Duration, Instant};

use tilfreds::read::scan::{Scan, Scanner};
use tilfreds::{Analyzer, ReadOptions, SummaryOptions};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: stages FILE [--by COLUMN] [--runs N]");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let by = flag("--by");
    let runs: usize = flag("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let mb = bytes.len() as f64 / 1e6;

    let (mut scan, mut count, mut finish, mut summary) = (vec![], vec![], vec![], vec![]);
    let delimiter = {
        let d =
            tilfreds::read_bytes(&bytes[..bytes.len().min(1 << 16)]).map(|d| d.dialect.delimiter);
        d.ok().and_then(|s| s.bytes().next()).unwrap_or(b';')
    };
    for _ in 0..runs {
        // Records only: the scanner over the whole buffer, no counting.
        let t = Instant::now();
        let mut scanner = Scanner::new(delimiter, 1 << 24);
        let (mut pos, mut records) = (0, 0u64);
        while let Ok(Scan::Record(end)) = scanner.next(&bytes, pos, true) {
            records += 1;
            pos = end;
        }
        scan.push(t.elapsed());
        std::hint::black_box(records);

        // Reading and counting, in 1 MiB chunks as the browser streams a file.
        let t = Instant::now();
        let mut analyzer = Analyzer::new(ReadOptions::default());
        for chunk in bytes.chunks(1 << 20) {
            analyzer.push(chunk).expect("readable export");
        }
        count.push(t.elapsed());

        // Decoding dictionaries and recognising columns.
        let t = Instant::now();
        let dataset = analyzer.finish().expect("readable export");
        finish.push(t.elapsed());

        let t = Instant::now();
        let s = dataset.summary(&SummaryOptions {
            by: by.clone(),
            ..Default::default()
        });
        summary.push(t.elapsed());
        std::hint::black_box(s.rows);
    }
    let row = |name: &str, d: Duration| {
        let s = d.as_secs_f64();
        println!("{name:<34} {:>9.1} ms {:>9.0} MB/s", s * 1e3, mb / s);
    };
    println!("{path}: {mb:.1} MB, median of {runs} runs");
    row("scan records (no counting)", median(scan));
    let c = median(count);
    let f = median(finish);
    let s = median(summary);
    row("read + count (1 MiB chunks)", c);
    row("finish: decode + recognise", f);
    row("summary (all questions, by)", s);
    row("total: read, recognise, summarise", c + f + s);
}
