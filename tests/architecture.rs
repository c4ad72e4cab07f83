//! The import rules of docs/ARCHITECTURE.md, checked on the source: which room of the core may
//! use which, that only `present` draws, and that no module imports itself round a cycle.
//! Test modules (`#[cfg(test)]` to the end of a file) are left out: tests may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms of the core below `src/`, each with the rooms it may use. `lib.rs` (the map) and
/// the command line (`src/bin`) may use every room.
const ALLOWED: &[(&str, &[&str])] = &[
    ("util", &[]),
    ("stats", &[]),
    ("model", &["util"]),
    ("words", &["util", "model"]),
    ("infer", &["util", "model", "words"]),
    ("read", &["util", "model", "words", "infer"]),
    ("data", &["util", "model", "words", "infer"]),
    ("protect", &["util", "model"]),
    (
        "analyze",
        &[
            "util", "model", "stats", "words", "infer", "data", "protect",
        ],
    ),
    (
        "present",
        &[
            "util", "model", "stats", "words", "infer", "data", "protect", "analyze",
        ],
    ),
];

/// Production source of every module file below `src/`, keyed by module path
/// (`analyze::crosstab`; `analyze` for `analyze/mod.rs`; `crate` for `lib.rs`).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter(|f| !f.starts_with(root.join("bin")))
        .map(|f| {
            let rel = f.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = match parts.as_slice() {
                [only] if only == "lib" => "crate".to_string(),
                _ => parts.join("::"),
            };
            let text = std::fs::read_to_string(&f).expect("readable source");
            let production = match text.find("\n#[cfg(test)]\nmod tests") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            (name, production)
        })
        .collect()
}

/// The modules of the crate that `source` names with a `crate::` path, each resolved to the
/// longest module path that exists.
fn uses(source: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let path: String = rest[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            for n in (1..=segments.len()).rev() {
                let candidate = segments[..n].join("::");
                if known.contains(&candidate) {
                    out.insert(candidate);
                    break;
                }
            }
            rest = &rest[i + 7..];
        }
    }
    out
}

fn room(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn each_room_uses_only_the_rooms_below_it() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut broken = Vec::new();
    for (module, source) in &modules {
        if module == "crate" {
            continue;
        }
        let from = room(module);
        let Some(may) = allowed.get(from) else {
            broken.push(format!(
                "{module}: room '{from}' is not in docs/ARCHITECTURE.md"
            ));
            continue;
        };
        for used in uses(source, &known) {
            let to = room(&used);
            if to != from && !may.contains(&to) {
                broken.push(format!("{module} uses {used} ({from} may not use {to})"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the rules:\n{}",
        broken.join("\n")
    );
}

#[test]
fn only_present_draws() {
    let mut broken = Vec::new();
    for (module, source) in modules() {
        if room(&module) != "present" && source.contains("plotters") {
            broken.push(module);
        }
    }
    assert!(broken.is_empty(), "plotters outside present: {broken:?}");
}

#[test]
fn only_the_command_line_and_the_boundary_use_present() {
    // Inside the core only present itself (and the map in lib.rs) names present; outside it,
    // the command line and crates/web do. The fuzz targets and the benchmark read and
    // summarise only.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["fuzz/fuzz_targets", "bench"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable");
                assert!(!text.contains("tilfreds::present"), "{path:?} uses present");
            }
        }
    }
}

#[test]
fn withholding_is_decided_in_protect_only() {
    // Every comparison with the minimum cell size is a disclosure decision, and lives in
    // protect: the other rooms call it.
    let mut broken = Vec::new();
    for (module, source) in modules() {
        if room(&module) == "protect" {
            continue;
        }
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let compares = ["< min_cell", "<= min_cell", ">= min_cell", "> min_cell"]
                .iter()
                .any(|op| code.contains(op));
            if compares {
                broken.push(format!("{module}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "withholding decided outside protect:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_module_imports_itself_round_a_cycle() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let graph: BTreeMap<&str, Vec<String>> = modules
        .iter()
        .filter(|(m, _)| *m != "crate")
        .map(|(m, s)| {
            let edges = uses(s, &known)
                .into_iter()
                // A module naming its own parent (`mod.rs` re-exports) is not a dependency.
                .filter(|u| u != m && !m.starts_with(&format!("{u}::")) && u != "crate")
                .collect();
            (m.as_str(), edges)
        })
        .collect();
    // Depth-first search with three colours: grey on the stack, black done.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<&'a str, Vec<String>>,
        colour: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        colour.insert(node, 1);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            let Some((&next, _)) = graph.get_key_value(next.as_str()) else {
                continue;
            };
            match colour.get(next).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|m| *m == next).unwrap();
                    let mut cycle: Vec<String> =
                        stack[start..].iter().map(|m| m.to_string()).collect();
                    cycle.push(next.to_string());
                    return Some(cycle);
                }
                0 => {
                    if let Some(cycle) = visit(next, graph, colour, stack) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        colour.insert(node, 2);
        None
    }
    let mut colour = BTreeMap::new();
    for node in graph.keys() {
        if colour.get(node).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(cycle) = visit(node, &graph, &mut colour, &mut stack) {
                panic!("import cycle: {}", cycle.join(" -> "));
            }
        }
    }
}
