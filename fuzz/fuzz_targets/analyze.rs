//! Read → recognise → summarise → lay out → export, on arbitrary bytes.
//!
//! Input layout: byte 0 chooses how the rest is fed to the `Analyzer`:
//! bits 0–6 give the chunk size (1–128 bytes), bit 7 set makes the reader sniff only the first
//! 64 bytes so that the streaming path (not just the held-back prefix) is exercised.
//! Everything after byte 0 is the file.
//!
//! Nothing may panic, hang or run out of memory: reading either fails with a typed error or
//! yields a dataset, and every summary, view and CSV export of that dataset must succeed.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tilfreds::analyze::summary::ColumnOverride;
use tilfreds::{export, views, Analyzer, Lang, ReadOptions, Summary, SummaryOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&control, file)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(control & 0x7f) + 1;
    let mut opts = ReadOptions::default();
    if control & 0x80 != 0 {
        opts.sniff_bytes = 64;
    }
    let mut analyzer = Analyzer::new(opts);
    for part in file.chunks(chunk) {
        if analyzer.push(part).is_err() {
            return;
        }
    }
    let Ok(dataset) = analyzer.finish() else {
        return;
    };

    let plain = dataset.summary(&SummaryOptions::default());
    check(&plain);

    if let Some(column) = dataset.columns.get(1) {
        let name = column.profile.name.clone();
        let by = SummaryOptions {
            by: Some(name.clone()),
            ..SummaryOptions::default()
        };
        check(&dataset.summary(&by));

        // Every personal-data column included, as after the user's explicit action.
        let included = SummaryOptions {
            by: Some(name),
            min_cell: 1,
            overrides: dataset
                .columns
                .iter()
                .map(|c| ColumnOverride {
                    column: c.profile.name.clone(),
                    include_personal: true,
                    ..ColumnOverride::default()
                })
                .collect(),
            ..SummaryOptions::default()
        };
        check(&dataset.summary(&included));
    }
});

/// Builds every view of `summary` in both languages and exports each of its tables.
fn check(summary: &Summary) {
    for lang in [Lang::Da, Lang::En] {
        let overview = views::overview(summary, lang);
        export_table(&overview.table, lang);
        for index in 0..summary.columns.len() {
            if let Some(view) = views::question(summary, index, lang) {
                export_table(&view.table, lang);
                if let Some(table) = &view.breakdown_table {
                    export_table(table, lang);
                }
            }
        }
    }
}

/// Exports a table and checks the one property every export has: a UTF-8 byte order mark.
fn export_table(table: &export::Table, lang: Lang) {
    let csv = export::table_to_csv(table, lang);
    assert!(csv.starts_with("\u{feff}".as_bytes()));
}
