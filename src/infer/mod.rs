//! Column recognition: from a column's profile to its kind, answer scale, personal-data status
//! and metadata status.
//!
//! Recognition runs in a fixed order, most specific first: empty, CPR numbers, identifier
//! headers, dates, label scales, numeric rating scales, numbers, and finally categories versus
//! free text versus identifiers by the shape of the values.

mod header;
pub mod header_row;
pub mod labels;
mod lexicon;
pub mod multiselect;
pub mod pii;
mod scales;
pub(crate) mod values;

use crate::model::kinds::{Inferred, Kind, PersonalReason, Scale, ValueRole};
use crate::model::profile::ColumnProfile;
use crate::util::text;
use header::*;
use lexicon::*;
use scales::*;
use values::*;

/// Recognises one column's kind, scale, personal-data status and metadata status from its
/// profile.
pub fn infer_column(profile: &ColumnProfile) -> Inferred {
    let facts = Facts::new(profile);
    let header = HeaderHints::new(&profile.name);
    let (kind, scale, roles) = recognise(profile, &facts, &header);

    let mut reason = None;
    if facts.cpr_cells > 0 && facts.cpr_cells.saturating_mul(2) >= facts.answered {
        reason = Some(PersonalReason::CprValues);
    }
    if reason.is_none() {
        reason = pii::personal_header(&profile.name)
            .filter(|r| !header_reason_contradicted(*r, kind, &facts, profile));
    }
    if reason.is_none()
        && facts.email_cells > 0
        && facts.email_cells.saturating_mul(2) >= facts.kept
    {
        reason = Some(PersonalReason::Email);
    }
    if reason.is_none()
        && kind == Kind::Category
        && pii::names_column(&profile.values, &facts.ns_flags)
    {
        // People's names under a neutral header ("Sagsbehandler", "Felt 7").
        reason = Some(PersonalReason::Name);
    }
    if reason.is_none() && kind == Kind::Text {
        reason = Some(PersonalReason::FreeText);
    }
    if reason.is_none() && (profile.cpr_tokens > 0 || facts.cpr_cells > 0) {
        // A CPR number anywhere in a column makes the whole column sensitive.
        reason = Some(PersonalReason::CprValues);
    }

    let metadata =
        is_metadata_header(&profile.name) || reason == Some(PersonalReason::IpOrLocation);
    Inferred {
        kind,
        personal_data: reason.is_some(),
        personal_reason: reason,
        metadata,
        scale,
        roles,
    }
}

/// Normalises a label for matching: trim, lowercase (Unicode), collapse internal whitespace,
/// strip a trailing '.'. "  Meget  Tilfreds " becomes "meget tilfreds".
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(text::lower_char));
    }
    if out.ends_with('.') {
        out.pop();
        let kept = out.trim_end().len();
        out.truncate(kept);
    }
    out
}

/// True when a header asks how likely the respondent is to recommend something ("Hvor
/// sandsynligt er det, at du vil anbefale …", "How likely are you to recommend …"): on a 0–10
/// scale such a question is answered with a Net Promoter Score.
pub fn asks_to_recommend(header: &str) -> bool {
    let lower = text::lower(header);
    lexicon::RECOMMEND_STEMS.iter().any(|s| lower.contains(s))
}

/// True for non-substantive answers such as "Ved ikke", "Ikke relevant", "Ønsker ikke at
/// svare", "Don't know", "Not applicable", "N/A" or "-". Numeric codes are never
/// non-substantive: what a code means is not known here.
pub fn is_non_substantive(label: &str) -> bool {
    // No listed answer has a digit, and only a letter next to it can strip a digit from the
    // key: identifiers, numbers and dates are settled without building the key.
    if label.bytes().any(|b| b.is_ascii_digit()) && !label.chars().any(text::is_letter) {
        return false;
    }
    // Free text: the key keeps every character but spaces, brackets and a code of at most two
    // digits with its sign, so a longer label cannot match the longest listed answer.
    let longest_possible = NON_SUBSTANTIVE_MAX_CHARS + CODE_AND_BRACKETS_MAX_CHARS;
    if label
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(longest_possible)
        .is_some()
    {
        return false;
    }
    let key = label_key(label);
    if key.is_empty() {
        // Only dots ("." or "...").
        return label.trim().chars().all(|c| c == '.') && !label.trim().is_empty();
    }
    NON_SUBSTANTIVE.contains(&key.as_str())
}

/// True when a cell reads as an answer rather than as a header: a number, a non-substantive
/// answer ("Ved ikke"), a choice marker ("Ja", "x") or a step of a scale of opposites ("Meget
/// tilfreds", "Strongly agree (7)"). Question texts and sub-item names are none of these. Used
/// to tell a second header row from a first row of answers.
pub fn looks_like_answer(cell: &str) -> bool {
    let cell = cell.trim();
    if crate::util::number::parse_number(cell.as_bytes()).is_some() || is_non_substantive(cell) {
        return true;
    }
    let key = label_key(cell);
    CHOICE_MARKERS.contains(&key.as_str()) || scales::meaning(&key).is_some()
}

/// The most characters (spaces aside) of an answer in [`NON_SUBSTANTIVE`].
const NON_SUBSTANTIVE_MAX_CHARS: usize = 32;
/// The most characters (spaces aside) `label_key` drops besides spaces: enclosing brackets and
/// a numeric code before or after the label ("12 - ", "(12)").
const CODE_AND_BRACKETS_MAX_CHARS: usize = 8;

/// Key for matching answer labels: normalised, typographic apostrophes made plain, spaces
/// around '/' removed, enclosing brackets and a numeric code prefix or suffix dropped
/// ("5 - Meget tilfreds", "Meget tilfreds (5)").
fn label_key(label: &str) -> String {
    let mut key = normalize_label(label)
        .replace(['’', '´', '`'], "'")
        .replace(" / ", "/");
    if key.len() > 2
        && ((key.starts_with('(') && key.ends_with(')'))
            || (key.starts_with('[') && key.ends_with(']')))
    {
        key = key[1..key.len() - 1].trim().to_string();
    }
    let stripped = strip_code(&key);
    if stripped.len() != key.len() {
        key = stripped.to_string();
    }
    key
}

/// Drops a numeric code around a label: "5 - meget tilfreds", "1. helt enig", "helt enig (5)".
/// Leaves bare numbers alone.
fn strip_code(key: &str) -> &str {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = key[digits..].trim_start();
        if let Some(first) = rest.chars().next() {
            if matches!(first, '-' | '–' | '.' | '=' | ':' | ')') {
                let label = rest[first.len_utf8()..].trim_start();
                if label.chars().next().is_some_and(text::is_letter) {
                    return label;
                }
            }
        }
    }
    if let Some(open) = key.rfind('(') {
        let inner = &key[open + 1..];
        if let Some(code) = inner.strip_suffix(')') {
            if (1..=2).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
                let label = key[..open].trim_end();
                if label.chars().any(text::is_letter) {
                    return label;
                }
            }
        }
    }
    key
}

fn recognise(
    p: &ColumnProfile,
    f: &Facts,
    header: &HeaderHints,
) -> (Kind, Option<Scale>, Vec<ValueRole>) {
    let plain = |kind| (kind, None, Vec::new());
    if f.answered == 0 || (f.kept == 0 && !f.overflowed) {
        return plain(Kind::Empty);
    }
    if f.cpr_cells.saturating_mul(2) >= f.answered {
        return plain(Kind::Id);
    }
    if header.id {
        return plain(Kind::Id);
    }
    if f.kept > 0 && f.date.saturating_mul(10) >= f.kept.saturating_mul(9) {
        return plain(Kind::Date);
    }
    if !f.overflowed {
        if let Some((scale, roles)) = label_scale(p, f) {
            return (Kind::Likert, Some(scale), roles);
        }
        if let Some((scale, roles)) = numeric_scale(f, header) {
            return (Kind::Likert, Some(scale), roles);
        }
    }
    let substantive = f.substantive();
    if substantive > 0 && f.share(f.numeric, substantive) >= 0.95 {
        return plain(numeric_kind(f, header));
    }
    if f.email_cells > 0 && f.email_cells.saturating_mul(2) >= f.kept {
        return plain(Kind::Id);
    }
    plain(textual_kind(f, header))
}

/// Kind of a column of numbers: identifier, number or category.
fn numeric_kind(f: &Facts, header: &HeaderHints) -> Kind {
    let all_int = f.integer >= f.numeric;
    let ints = || {
        f.ints
            .iter()
            .zip(&f.ns_flags)
            .filter(|(_, ns)| !**ns)
            .filter_map(|(i, _)| *i)
    };
    let distinct = f.ns_flags.iter().filter(|ns| !**ns).count();
    if all_int && f.all_distinct && f.answered >= 10 && !header.count_strong {
        let (min, max) = ints().fold((i64::MAX, i64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let min_digits = ints()
            .map(|v| v.unsigned_abs().checked_ilog10().map_or(1, |l| l + 1))
            .min()
            .unwrap_or(0);
        let sequence = min >= 0
            && max.saturating_sub(min)
                < i64::try_from(f.answered.saturating_mul(2)).unwrap_or(i64::MAX);
        if min_digits >= 6 || sequence {
            return Kind::Id;
        }
    }
    if header.grouping && all_int && distinct <= 100 && !f.overflowed {
        return Kind::Category;
    }
    if f.overflowed || distinct >= 10 || !all_int || header.count_strong || header.count_weak {
        return Kind::Number;
    }
    Kind::Category
}

/// Kind of a column of words: category, identifier or free text.
fn textual_kind(f: &Facts, header: &HeaderHints) -> Kind {
    let d = f.distinct() as u64;
    let a = f.answered;
    let short = f.share(f.short, f.kept) >= 0.9;
    let spaced = f.share(f.spaced, f.kept);
    let digits = f.share(f.with_digit, f.kept);
    if f.overflowed {
        return if spaced < 0.1 && f.avg_len <= 40.0 {
            Kind::Id
        } else {
            Kind::Text
        };
    }
    let repeated = (d <= 60 && d * 2 <= a) || (d <= 100 && d * 4 <= a);
    if header.free_text && d * 4 > a {
        // An open question keeps its answers private even when they are short.
        return Kind::Text;
    }
    if short && repeated {
        return Kind::Category;
    }
    if f.all_distinct && a >= 5 && spaced < 0.1 && digits >= 0.9 && f.avg_len <= 40.0 {
        return Kind::Id;
    }
    let prose = spaced > 0.5 || f.avg_len > 20.0;
    if short && d <= 12 && a < 30 && f.avg_len <= 30.0 && !(f.all_distinct && prose) {
        return Kind::Category;
    }
    Kind::Text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::ScaleFamily;

    #[test]
    fn built_in_wordings_capitalise_as_unicode_does() {
        for variant in VARIANTS {
            for syn in variant.steps {
                let first = syn.first().copied().unwrap_or("");
                let mut chars = first.chars();
                let unicode: String = match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                };
                assert!(first.chars().next().is_none_or(|c| c.is_ascii()), "{first}");
                assert_eq!(capitalise(first), unicode);
            }
        }
    }

    /// A profile as the reader would build it from these distinct values and counts.
    fn prof(name: &str, values: &[(&str, u64)]) -> ColumnProfile {
        prof_with_empty(name, values, 0)
    }

    fn prof_with_empty(name: &str, values: &[(&str, u64)], empty: u64) -> ColumnProfile {
        let mut p = ColumnProfile {
            name: name.to_string(),
            values: values
                .iter()
                .map(|(v, n)| (v.trim().to_string(), *n))
                .collect(),
            empty,
            ..ColumnProfile::default()
        };
        for (v, n) in &p.values {
            p.rows += n;
            if parse_int(v).is_some() || parse_number(v) {
                p.numeric_cells += n;
            }
            if pii::is_cpr_like(v.as_bytes()) {
                p.cpr_cells += n;
            }
            p.cpr_tokens += u64::from(pii::count_cpr_tokens(v.as_bytes())) * n;
            p.max_len = p.max_len.max(v.len());
            p.total_len += v.len() as u64 * n;
        }
        p.rows += empty;
        p
    }

    fn likert(name: &str, values: &[(&str, u64)]) -> (Scale, Vec<ValueRole>) {
        let inf = infer_column(&prof(name, values));
        assert_eq!(inf.kind, Kind::Likert, "{name}: {values:?} → {inf:?}");
        assert!(!inf.personal_data, "{name}");
        (inf.scale.expect("a Likert column has a scale"), inf.roles)
    }

    fn kind_of(name: &str, values: &[(&str, u64)]) -> Kind {
        infer_column(&prof(name, values)).kind
    }

    fn steps(roles: &[ValueRole]) -> Vec<Option<usize>> {
        roles
            .iter()
            .map(|r| match r {
                ValueRole::Step(s) => Some(*s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn normalising_labels() {
        assert_eq!(normalize_label("  Meget  Tilfreds "), "meget tilfreds");
        assert_eq!(normalize_label("Ved ikke."), "ved ikke");
        assert_eq!(normalize_label("I\u{a0}HØJ\tgrad"), "i høj grad");
        assert_eq!(normalize_label(""), "");
        assert_eq!(normalize_label("."), "");
        assert_eq!(
            normalize_label("ØNSKER IKKE AT SVARE"),
            "ønsker ikke at svare"
        );
    }

    #[test]
    fn non_substantive_answers() {
        for label in [
            "Ved ikke",
            "ved ikke ",
            "Ikke relevant",
            "Ønsker ikke at svare",
            "Vil ikke svare",
            "Ved ikke/ikke relevant",
            "Ved ikke / Ikke relevant",
            "Kan ikke svare",
            "Don't know",
            "Don’t know",
            "Do not know",
            "Not applicable",
            "Prefer not to say",
            "N/A",
            "NA",
            "n.a.",
            "-",
            "Vet ikke",
            "Keine Angabe",
            "(Ved ikke)",
        ] {
            assert!(is_non_substantive(label), "{label:?}");
        }
        for label in [
            "9",
            "99",
            "0",
            "Meget tilfreds",
            "Nej",
            "Ja",
            "Ikke tilfreds",
            "",
            "Andet",
        ] {
            assert!(!is_non_substantive(label), "{label:?}");
        }
    }

    #[test]
    fn danish_satisfaction_with_odd_spelling() {
        let (scale, roles) = likert(
            "Hvor tilfreds er du med din sagsbehandler?",
            &[
                ("Tilfreds", 40),
                ("meget TILFREDS ", 30),
                ("Hverken  tilfreds eller utilfreds", 10),
                ("Utilfreds.", 5),
                ("Meget utilfreds", 3),
                ("Ved ikke", 7),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            scale.labels,
            [
                "meget TILFREDS",
                "Tilfreds",
                "Hverken  tilfreds eller utilfreds",
                "Utilfreds.",
                "Meget utilfreds"
            ]
        );
        assert_eq!(scale.first_code, 1);
        assert_eq!(
            roles,
            [
                ValueRole::Step(1),
                ValueRole::Step(0),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::Step(4),
                ValueRole::NonSubstantive
            ]
        );
    }

    #[test]
    fn partial_scale_is_the_full_scale() {
        let (scale, roles) = likert(
            "Q3",
            &[("Tilfreds", 12), ("Meget tilfreds", 20), ("Utilfreds", 2)],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            scale.labels,
            [
                "Meget tilfreds",
                "Tilfreds",
                "Hverken tilfreds eller utilfreds",
                "Utilfreds",
                "Meget utilfreds"
            ]
        );
        assert_eq!(steps(&roles), [Some(1), Some(0), Some(3)]);
        assert!(scale.has_midpoint());
    }

    #[test]
    fn danish_agreement_variants() {
        let (scale, roles) = likert(
            "Jeg blev mødt med respekt",
            &[
                ("Helt enig", 10),
                ("Delvist enig", 8),
                ("Hverken enig eller uenig", 4),
                ("Delvist uenig", 2),
                ("Helt uenig", 1),
                ("Ikke relevant", 3),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(scale.points(), 5);
        assert_eq!(
            steps(&roles),
            [Some(0), Some(1), Some(2), Some(3), Some(4), None]
        );

        let (scale, _) = likert(
            "Enighed",
            &[("Meget enig", 3), ("Delvis enig", 2), ("Meget uenig", 1)],
        );
        assert_eq!(
            scale.labels,
            [
                "Meget enig",
                "Delvis enig",
                "Hverken enig eller uenig",
                "Delvis uenig",
                "Meget uenig"
            ]
        );

        let (scale, roles) = likert(
            "Udsagn",
            &[
                ("Overvejende enig", 5),
                ("overvejende uenig", 2),
                ("HELT ENIG", 1),
                ("Enig", 1),
            ],
        );
        // "Enig" and "Overvejende enig" are two answers, so two steps; the negative side is
        // mirrored from the positive one.
        assert_eq!(
            scale.labels,
            [
                "HELT ENIG",
                "Enig",
                "Overvejende enig",
                "Hverken enig eller uenig",
                "overvejende uenig",
                "Uenig",
                "Helt uenig"
            ]
        );
        assert_eq!(steps(&roles), [Some(2), Some(4), Some(0), Some(1)]);
    }

    #[test]
    fn four_point_scales_without_midpoint() {
        // With few answers, an unused midpoint is the usual wording: five points, guessed.
        let few = [
            ("Helt enig", 5),
            ("Enig", 9),
            ("Uenig", 3),
            ("Helt uenig", 2),
            ("Vet ikke", 1),
        ];
        let (scale, roles) = likert("Påstand", &few);
        assert_eq!(
            scale.labels,
            [
                "Helt enig",
                "Enig",
                "Hverken enig eller uenig",
                "Uenig",
                "Helt uenig"
            ]
        );
        assert!(scale.guessed);
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(3), Some(4), None]);
        // With many answers and nobody in the middle, four points; still a guess.
        let many = few.map(|(v, n)| (v, n * 10));
        let (scale, roles) = likert("Påstand", &many);
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(scale.labels, ["Helt enig", "Enig", "Uenig", "Helt uenig"]);
        assert!(!scale.has_midpoint() && scale.guessed);
        assert_eq!(
            roles,
            [
                ValueRole::Step(0),
                ValueRole::Step(1),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::NonSubstantive
            ]
        );

        // With only part of the labels, a midpoint cannot be ruled out: five points.
        let (scale, _) = likert("Påstand", &[("Helt enig", 5), ("Enig", 9), ("Uenig", 3)]);
        assert_eq!(scale.points(), 5);

        let (scale, _) = likert(
            "Har forløbet hjulpet dig?",
            &[
                ("I høj grad", 4),
                ("I nogen grad", 6),
                ("I mindre grad", 3),
                ("Slet ikke", 2),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(
            scale.labels,
            ["I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"]
        );

        let (scale, _) = likert(
            "Satisfaction",
            &[
                ("Very satisfied", 1),
                ("Satisfied", 1),
                ("Dissatisfied", 1),
                ("Very dissatisfied", 1),
            ],
        );
        assert_eq!(scale.points(), 5);
        assert!(scale.guessed);
    }

    #[test]
    fn danish_extent_variants() {
        let (scale, roles) = likert(
            "I hvilken grad",
            &[
                ("I meget høj grad", 5),
                ("I høj grad", 5),
                ("I nogen grad", 5),
                ("I mindre grad", 5),
                ("Slet ikke", 5),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3), Some(4)]);

        let (scale, roles) = likert(
            "Oplevelse",
            &[
                ("I meget lav grad ", 1),
                ("I lav grad ", 2),
                ("Hverken eller ", 3),
                ("I høj grad ", 4),
                ("I meget høj grad ", 5),
                ("Ved ikke ", 2),
            ],
        );
        assert_eq!(
            scale.labels,
            [
                "I meget høj grad",
                "I høj grad",
                "Hverken eller",
                "I lav grad",
                "I meget lav grad"
            ]
        );
        assert_eq!(
            steps(&roles),
            [Some(4), Some(3), Some(2), Some(1), Some(0), None]
        );

        let (scale, roles) = likert(
            "Hjælp",
            &[
                ("i meget høj grad", 2),
                ("i høj grad", 2),
                ("i nogen grad", 2),
                ("i ringe grad", 2),
                ("ikke relevant", 2),
            ],
        );
        assert_eq!(
            scale.labels,
            [
                "i meget høj grad",
                "i høj grad",
                "i nogen grad",
                "i ringe grad",
                "Slet ikke"
            ]
        );
        assert_eq!(roles[4], ValueRole::NonSubstantive);
    }

    #[test]
    fn quality_and_attitude() {
        let (scale, _) = likert(
            "Service",
            &[("Meget god", 3), ("God", 5), ("Middel", 2), ("Dårlig", 1)],
        );
        assert_eq!(scale.family, ScaleFamily::Quality);
        assert_eq!(
            scale.labels,
            ["Meget god", "God", "Middel", "Dårlig", "Meget dårlig"]
        );

        let (scale, _) = likert(
            "Forløbet",
            &[("Rigtig godt", 3), ("Godt", 5), ("Dårligt", 1)],
        );
        assert_eq!(
            scale.labels,
            [
                "Rigtig godt",
                "Godt",
                "Hverken godt eller dårligt",
                "Dårligt",
                "Rigtig dårligt"
            ]
        );
        let (scale, _) = likert(
            "Forløbet",
            &[("Meget godt", 3), ("Godt", 5), ("Dårligt", 1)],
        );
        assert_eq!(scale.labels[4], "Meget dårligt");

        let (scale, roles) = likert(
            "Holdning",
            &[
                ("Positiv", 4),
                ("Overvejende positiv", 3),
                ("Hverken positiv eller negativ", 2),
                ("Overvejende negativ", 1),
                ("Negativ", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Attitude);
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3), Some(4)]);

        let (scale, _) = likert("Quality", &[("Very good", 3), ("good", 4), ("POOR ", 1)]);
        assert_eq!(
            scale.labels,
            [
                "Very good",
                "good",
                "Neither good nor poor",
                "POOR",
                "Very poor"
            ]
        );
        let (scale, roles) = likert(
            "Quality",
            &[("Excellent", 1), ("Very good", 3), ("Good", 4), ("Fair", 2)],
        );
        assert_eq!(
            scale.labels,
            ["Excellent", "Very good", "Good", "Fair", "Poor"]
        );
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn english_scales() {
        let (scale, roles) = likert(
            "Overall satisfaction",
            &[
                ("Very Satisfied", 4),
                ("satisfied ", 6),
                ("Neither satisfied nor dissatisfied", 2),
                ("Dissatisfied", 1),
                ("Very dissatisfied", 1),
                ("Don't know", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            steps(&roles),
            [Some(0), Some(1), Some(2), Some(3), Some(4), None]
        );

        let (scale, roles) = likert(
            "I was treated with respect",
            &[
                ("Strongly agree", 5),
                ("Somewhat agree", 3),
                ("Disagree", 1),
                ("N/A", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(
            scale.labels,
            [
                "Strongly agree",
                "Somewhat agree",
                "Neither agree nor disagree",
                "Disagree",
                "Strongly disagree"
            ]
        );
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(3), None]);

        let (scale, _) = likert(
            "Helped",
            &[
                ("To a great extent", 2),
                ("To some extent", 2),
                ("Not at all", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(scale.labels[0], "To a very great extent");

        let (scale, _) = likert(
            "Recommend",
            &[("Very likely", 2), ("Unlikely", 2), ("Likely", 1)],
        );
        assert_eq!(scale.family, ScaleFamily::Other);
    }

    #[test]
    fn coded_labels_match() {
        let (scale, roles) = likert(
            "Q1",
            &[
                ("5 - Meget tilfreds", 3),
                ("4 - Tilfreds", 2),
                ("1 - Meget utilfreds", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(scale.labels[0], "5 - Meget tilfreds");
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(4)]);
    }

    #[test]
    fn too_many_other_answers_is_not_likert() {
        let values = [
            ("Tilfreds", 5),
            ("Meget tilfreds", 5),
            ("Bil", 3),
            ("Cykel", 3),
        ];
        assert_eq!(kind_of("Q9", &values), Kind::Category);
        // One stray answer among many is tolerated and reported as Other.
        let (_, roles) = likert(
            "Q9",
            &[
                ("Tilfreds", 30),
                ("Meget tilfreds", 30),
                ("Ingen kommentar", 1),
            ],
        );
        assert_eq!(roles[2], ValueRole::Other);
        // A single step is not a scale.
        assert_ne!(
            kind_of("Q9", &[("Tilfreds", 30), ("Ved ikke", 3)]),
            Kind::Likert
        );
    }

    #[test]
    fn numeric_scales() {
        let (scale, roles) = likert(
            "Q2",
            &[("4", 10), ("5", 8), ("3", 4), ("2", 1), ("Ved ikke", 2)],
        );
        assert_eq!(scale.family, ScaleFamily::Numeric);
        assert_eq!(scale.labels, ["5", "4", "3", "2", "1"]);
        assert_eq!(scale.first_code, 1);
        assert_eq!(
            roles,
            [
                ValueRole::Step(1),
                ValueRole::Step(0),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::NonSubstantive
            ]
        );

        let (scale, roles) = likert(
            "Hvor sandsynligt er det, at du vil anbefale jobcentret? (0-10)",
            &[("10", 5), ("8", 4), ("9", 2), ("0", 1), ("5", 1)],
        );
        assert_eq!(scale.points(), 11);
        assert_eq!(scale.first_code, 0);
        assert_eq!(scale.labels[0], "10");
        assert_eq!(scale.labels[10], "0");
        assert_eq!(
            steps(&roles),
            [Some(0), Some(2), Some(1), Some(10), Some(5)]
        );

        // No header hint, but 0 and 9 used: 0–10.
        let (scale, _) = likert("Q4", &[("0", 1), ("9", 2), ("7", 3)]);
        assert_eq!((scale.points(), scale.first_code), (11, 0));

        // A rating header confirms two codes.
        let (scale, _) = likert("Hvor tilfreds er du samlet set?", &[("4", 3), ("5", 6)]);
        assert_eq!(scale.points(), 5);
        assert_eq!(kind_of("Q5", &[("4", 3), ("5", 6)]), Kind::Category);

        let (scale, _) = likert("Q6", &[("1", 3), ("6", 2), ("4", 2)]);
        assert_eq!(scale.points(), 7);

        let (scale, roles) = likert(
            "Vurder på en skala fra 1 til 10",
            &[("3", 2), ("9", 1), ("7", 1)],
        );
        assert_eq!((scale.points(), scale.first_code), (10, 1));
        assert_eq!(steps(&roles), [Some(7), Some(1), Some(3)]);

        let (scale, _) = likert(
            "Hvor tilfreds er du med hjælpen til uddannelse?",
            &[("1", 2), ("5", 1), ("4", 1)],
        );
        assert_eq!(scale.points(), 5);

        let (scale, _) = likert("Score 1-4", &[("1", 2), ("2", 1), ("4", 1)]);
        assert_eq!(scale.labels, ["4", "3", "2", "1"]);
    }

    #[test]
    fn counts_and_groupings_are_not_scales() {
        let children = [("0", 10), ("1", 8), ("2", 9), ("3", 3), ("4", 1)];
        let kind = kind_of("Antal børn", &children);
        assert!(matches!(kind, Kind::Number | Kind::Category), "{kind:?}");
        // Without the header, 0–4 still reads as a count, not a 0–10 rating.
        assert_ne!(kind_of("Q12", &children), Kind::Likert);
        assert_eq!(
            kind_of("Alder", &[("34", 2), ("51", 1), ("3", 1), ("5", 1)]),
            Kind::Number
        );
        assert_eq!(
            kind_of("Kommune", &[("1", 5), ("2", 5), ("3", 4)]),
            Kind::Category
        );
        assert_ne!(
            kind_of(
                "Hvor mange gange har du været til samtale?",
                &[("1", 5), ("2", 5), ("3", 4)]
            ),
            Kind::Likert
        );
    }

    #[test]
    fn categories() {
        let values = [
            ("Sygedagpenge", 120),
            ("Kontanthjælp", 80),
            ("A-dagpenge", 60),
            ("Ressourceforløb", 20),
            ("Jobafklaringsforløb", 15),
            ("Uddannelseshjælp", 25),
        ];
        let inf = infer_column(&prof("Ydelse", &values));
        assert_eq!(inf.kind, Kind::Category);
        assert!(!inf.personal_data && !inf.metadata && inf.scale.is_none() && inf.roles.is_empty());
        assert_eq!(
            kind_of("Køn", &[("Kvinde", 3), ("Mand", 2)]),
            Kind::Category
        );
        assert_eq!(
            kind_of(
                "Aldersgruppe",
                &[("18-29 år", 3), ("30-49 år", 4), ("50+ år", 2)]
            ),
            Kind::Category
        );
        assert_eq!(
            kind_of("Kommune", &[("Aarhus", 1), ("Odense", 1), ("Vejle", 1)]),
            Kind::Category
        );
        assert_eq!(
            kind_of("Var det nemt?", &[("Ja", 40), ("Nej", 12)]),
            Kind::Category
        );
    }

    #[test]
    fn free_text_is_personal() {
        let values = [
            ("Min sagsbehandler var rigtig sød og hjalp mig meget", 1),
            ("Det tog alt for lang tid at få svar", 1),
            ("Ingen kommentarer", 2),
            (
                "Jeg fik ikke den hjælp jeg havde brug for, og ingen ringede tilbage",
                1,
            ),
        ];
        let inf = infer_column(&prof("Har du andre kommentarer?", &values));
        assert_eq!(inf.kind, Kind::Text);
        assert!(inf.personal_data);
        assert_eq!(inf.personal_reason, Some(PersonalReason::FreeText));

        let short_answers = [("Nej", 1), ("Ingen", 1), ("Fint", 1)];
        assert_eq!(kind_of("Q4_3", &short_answers), Kind::Category);
        let inf = infer_column(&prof("Andet - uddyb gerne", &short_answers));
        assert_eq!(inf.kind, Kind::Text);
        assert_eq!(inf.personal_reason, Some(PersonalReason::FreeText));
        let inf = infer_column(&prof("Other - Text", &short_answers));
        assert_eq!(inf.kind, Kind::Text);

        let mut overflowed = prof("Kommentar", &values);
        overflowed.overflowed = true;
        overflowed.rows = 900;
        overflowed.total_len = 900 * 45;
        assert_eq!(infer_column(&overflowed).kind, Kind::Text);
    }

    #[test]
    fn identifiers() {
        let inf = infer_column(&prof(
            "ResponseId",
            &[("R_1abcDEF23", 1), ("R_2xyzQRS45", 1), ("R_3lmnOPQ67", 1)],
        ));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.metadata);
        assert!(!inf.personal_data);

        let inf = infer_column(&prof("Collector ID", &[("412345678", 30)]));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.metadata);
        assert_eq!(kind_of("Respondent ID", &[("11", 1), ("12", 1)]), Kind::Id);
        assert_eq!(kind_of("Løbenummer", &[("1", 1), ("2", 1)]), Kind::Id);

        let numbers: Vec<String> = (1001..1031).map(|n| n.to_string()).collect();
        let values: Vec<(&str, u64)> = numbers.iter().map(|s| (s.as_str(), 1)).collect();
        assert_eq!(kind_of("Q0", &values), Kind::Id);

        let codes: Vec<String> = (0..12).map(|n| format!("AB{n:04}X")).collect();
        let values: Vec<(&str, u64)> = codes.iter().map(|s| (s.as_str(), 1)).collect();
        assert_eq!(kind_of("Sagsnr", &values), Kind::Id);

        let mut overflowed = prof("Kode", &values);
        overflowed.overflowed = true;
        overflowed.rows = 5000;
        overflowed.total_len = 5000 * 7;
        assert_eq!(infer_column(&overflowed).kind, Kind::Id);
    }

    #[test]
    fn cpr_column_is_personal_id() {
        let values = [
            ("010170-1234", 1),
            ("150384-4321", 1),
            ("2802911122", 1),
            ("Ved ikke", 1),
        ];
        let inf = infer_column(&prof("Borger", &values));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.personal_data);
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprValues));

        let inf = infer_column(&prof("CPR-nr.", &[("010170-1234", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprValues));
        let inf = infer_column(&prof("CPR-nr.", &[]));
        assert_eq!(inf.kind, Kind::Empty);
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprHeader));

        // A CPR number typed into a short answer makes the column personal.
        let inf = infer_column(&prof(
            "Hvilken ydelse?",
            &[
                ("Sygedagpenge", 20),
                ("Kontanthjælp", 10),
                ("mit cpr 0101701234", 1),
            ],
        ));
        assert_eq!(inf.kind, Kind::Category);
        assert!(inf.personal_data);
    }

    #[test]
    fn dates() {
        for values in [
            &[("2024-03-01", 2), ("2024-03-02", 1)][..],
            &[("01-03-2024", 2), ("15-03-2024", 1)],
            &[("01.03.2024", 2), ("29.02.2024", 1)],
            &[("1/14/2026 14:54:44", 1), ("1/15/2026 9:02:11", 1)],
            &[
                ("2022/03/26 11:00:19 PM AST", 1),
                ("2022/03/27 9:00:19 AM AST", 1),
            ],
            &[("2024-03-01 12:34:56", 1), ("2024-03-01T12:35:00Z", 1)],
        ] {
            assert_eq!(kind_of("Dato", values), Kind::Date, "{values:?}");
        }
        assert_ne!(
            kind_of("Dato", &[("2023-02-30", 1), ("2023-13-01", 1)]),
            Kind::Date
        );
        let inf = infer_column(&prof("StartDate", &[("2024-03-01 12:34:56", 1)]));
        assert_eq!(inf.kind, Kind::Date);
        assert!(inf.metadata);
        assert_eq!(
            kind_of("Tidsstempel", &[("2024/03/01 10:11:12 AM CET", 1)]),
            Kind::Date
        );
    }

    #[test]
    fn numbers() {
        let values = [
            ("1.234,50", 1),
            ("99,95", 1),
            ("12", 2),
            ("7,5", 1),
            ("1.000", 1),
        ];
        assert_eq!(kind_of("Beløb", &values), Kind::Number);
        let values: Vec<String> = (0..40).map(|i| format!("{},{}", i * 3, i % 10)).collect();
        let values: Vec<(&str, u64)> = values.iter().map(|s| (s.as_str(), 2)).collect();
        assert_eq!(kind_of("Q7", &values), Kind::Number);
        let inf = infer_column(&prof(
            "Duration (in seconds)",
            &[("312", 1), ("45", 1), ("1200", 1)],
        ));
        assert_eq!(inf.kind, Kind::Number);
        assert!(inf.metadata);
        assert!(parse_number("1.234.567,89"));
        assert!(parse_number("1,234,567.89"));
        assert!(parse_number("-3,5"));
        assert!(!parse_number("1.2.3"));
        assert!(!parse_number("192.168.1.1"));
        assert!(!parse_number("1,,2"));
        assert!(!parse_number("abc"));
    }

    #[test]
    fn empty_column() {
        let inf = infer_column(&prof_with_empty("Q8", &[], 50));
        assert_eq!(inf.kind, Kind::Empty);
        assert!(!inf.personal_data && inf.scale.is_none());
        assert_eq!(infer_column(&ColumnProfile::default()).kind, Kind::Empty);
    }

    #[test]
    fn personal_headers_and_values() {
        let inf = infer_column(&prof("Navn", &[("Anna Hansen", 1), ("Bo Jensen", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));
        let inf = infer_column(&prof("Fornavn", &[("Anna", 3), ("Bo", 2)]));
        assert_eq!(inf.kind, Kind::Category);
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));

        let inf = infer_column(&prof("E-mail", &[("a@b.dk", 1), ("c@d.dk", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Email));
        let inf = infer_column(&prof(
            "Q20",
            &[("anna@example.dk", 1), ("bo@example.com", 1)],
        ));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Email));
        assert_eq!(inf.kind, Kind::Id);

        let inf = infer_column(&prof("Telefon", &[("12345678", 1), ("+45 87654321", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Phone));
        // A multiple-choice column about the channel is not a phone number.
        let inf = infer_column(&prof("Telefon", &[("Valgt", 20), ("Ikke valgt", 30)]));
        assert!(!inf.personal_data);

        let inf = infer_column(&prof("IPAddress", &[("192.168.1.1", 1), ("10.0.0.7", 1)]));
        assert!(inf.personal_data && inf.metadata);
        assert_eq!(inf.personal_reason, Some(PersonalReason::IpOrLocation));
        let inf = infer_column(&prof("LocationLatitude", &[("55.6761", 1), ("56.1629", 1)]));
        assert!(inf.personal_data && inf.metadata);

        let inf = infer_column(&prof("RecipientFirstName", &[("Anna", 1)]));
        assert!(inf.personal_data && inf.metadata);
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));
    }

    #[test]
    fn names_are_personal_by_their_values_under_a_neutral_header() {
        let caseworkers = [
            ("Kirstine Zylberg", 30),
            ("Bo Hansen", 28),
            ("Anne Marie Jensen", 41),
            ("Peter Møller", 35),
            ("Søren Østergaard", 22),
            ("Mette Nygaard", 40),
            ("Ved ikke", 4),
        ];
        for header in ["Sagsbehandler", "Kontaktperson", "Felt 7"] {
            let inf = infer_column(&prof(header, &caseworkers));
            assert_eq!(inf.kind, Kind::Category, "{header}");
            assert_eq!(inf.personal_reason, Some(PersonalReason::Name), "{header}");
            assert!(inf.personal_data);
        }
        let places = [
            ("Randers Kommune", 30),
            ("Aarhus Kommune", 28),
            ("Favrskov Kommune", 41),
            ("Syddjurs Kommune", 35),
            ("Norddjurs Kommune", 22),
        ];
        assert!(!infer_column(&prof("Kommune", &places)).personal_data);
        let offices = [
            ("Jobcenter Aarhus", 30),
            ("Jobcenter Randers", 28),
            ("Jobcenter Viborg", 41),
            ("Jobcenter Silkeborg", 35),
            ("Jobcenter Horsens", 22),
        ];
        assert!(!infer_column(&prof("Felt 7", &offices)).personal_data);
    }

    #[test]
    fn metadata_headers() {
        for name in [
            "StartDate",
            "EndDate",
            "Status",
            "IPAddress",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "RecordedDate",
            "ResponseId",
            "RecipientLastName",
            "RecipientFirstName",
            "RecipientEmail",
            "ExternalReference",
            "ExternalDataReference",
            "LocationLatitude",
            "LocationLongitude",
            "DistributionChannel",
            "UserLanguage",
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
            "Tidsstempel",
            "Timestamp",
            "E-mailadresse",
            "statoverall_1",
            "stato_4",
            "Q_RecaptchaScore",
            " startdate ",
        ] {
            assert!(is_metadata_header(name), "{name}");
        }
        for name in [
            "Q1 – Hvor tilfreds er du?",
            "Status på din sag",
            "Q_1",
            "Kommune",
            "Start",
        ] {
            assert!(!is_metadata_header(name), "{name}");
        }
    }

    #[test]
    fn odd_profiles_never_panic() {
        let mut p = prof("x", &[("9999999999999999999999", 1), ("-", 0), ("", 3)]);
        p.empty = p.rows + 10;
        let _ = infer_column(&p);
        let p = ColumnProfile {
            name: "Q".into(),
            values: vec![
                ("1".into(), u64::MAX),
                ("2".into(), u64::MAX),
                ("3".into(), 1),
            ],
            rows: u64::MAX,
            total_len: u64::MAX,
            ..ColumnProfile::default()
        };
        let _ = infer_column(&p);
        for s in [
            "(", "()", "((5))", "5 -", "5 - ", "(5)", "é (5)", "1/1/1", "2024-", "T", "12:",
        ] {
            let _ = is_non_substantive(s);
            let _ = looks_like_date(s);
            let _ = label_key(s);
            let _ = infer_column(&prof(s, &[(s, 1)]));
        }
    }

    #[test]
    fn the_longest_non_substantive_answer_fits_the_bound() {
        let longest = NON_SUBSTANTIVE
            .iter()
            .map(|a| a.chars().filter(|c| !c.is_whitespace()).count())
            .max();
        assert!(longest.is_some_and(|n| n <= NON_SUBSTANTIVE_MAX_CHARS));
        // The longest answer with a code, and in brackets, is still recognised.
        assert!(is_non_substantive("12 - Ved ikke / ønsker ikke at svare"));
        assert!(is_non_substantive("[Ved ikke/ønsker ikke at svare (12)]"));
        assert!(!is_non_substantive(
            "Ved ikke, men jeg vil gerne sige at mødet var fint og at jeg fik hjælp"
        ));
    }

    /// Every built-in wording, each step spelled by one of its synonyms: every answer is its
    /// own step, in the wording's order.
    #[test]
    fn built_in_wordings_never_share_a_step() {
        for variant in VARIANTS {
            let most = variant.steps.iter().map(|s| s.len()).max().unwrap_or(0);
            for j in 0..most {
                let values: Vec<(&str, u64)> = variant
                    .steps
                    .iter()
                    .map(|syn| (syn[j.min(syn.len() - 1)], 3))
                    .collect();
                let (scale, roles) = likert("Q", &values);
                let want: Vec<Option<usize>> = (0..values.len()).map(Some).collect();
                assert_eq!(steps(&roles), want, "{values:?}");
                assert_eq!(scale.points(), values.len());
            }
        }
    }

    proptest::proptest! {
        /// For any generated wording of a scale of opposites, declared by the export, and any
        /// answered subset of its steps: the steps and their counts are the generator's.
        #[test]
        fn generated_wordings_keep_every_step(
            pair in 0..POLAR_PAIRS.len(),
            levels in proptest::sample::subsequence(vec!["yderst", "meget", "", "overvejende", "delvis", "lidt"], 1..=5),
            midpoint in proptest::bool::ANY,
            answered in proptest::collection::vec(0u64..6, 11),
            coded in proptest::bool::ANY,
        ) {
            let (pos, neg, _, _) = POLAR_PAIRS[pair];
            proptest::prop_assume!(!neg.is_empty());
            let word = |w: &str, l: &str| if l.is_empty() { w.to_string() } else { format!("{l} {w}") };
            let mut wording: Vec<String> = levels.iter().map(|l| word(pos, l)).collect();
            if midpoint {
                wording.push(format!("hverken {pos} eller {neg}"));
            }
            wording.extend(levels.iter().rev().map(|l| word(neg, l)));
            let points = wording.len();
            if coded {
                wording = wording.iter().enumerate().map(|(i, w)| format!("{w} ({})", points - i)).collect();
            }
            let mut values: Vec<(&str, u64)> = Vec::new();
            for (i, w) in wording.iter().enumerate() {
                if answered[i] > 0 {
                    values.push((w.as_str(), answered[i]));
                }
            }
            proptest::prop_assume!(!values.is_empty());
            let mut p = prof("Q", &values);
            p.declared = wording.clone();
            let inf = infer_column(&p);
            proptest::prop_assert_eq!(inf.kind, Kind::Likert);
            let scale = inf.scale.unwrap();
            proptest::prop_assert_eq!(scale.points(), points);
            let want: Vec<Option<usize>> = values
                .iter()
                .map(|(v, _)| wording.iter().position(|w| w == v))
                .collect();
            proptest::prop_assert_eq!(steps(&inf.roles), want);
        }
    }

    proptest::proptest! {
        /// The shortcut for labels with a digit and no letter agrees with matching the key.
        #[test]
        fn digits_without_letters_are_never_non_substantive(label in "[0-9 .,/()\\[\\]:=–—?-]{1,12}") {
            let by_key = {
                let key = label_key(&label);
                if key.is_empty() {
                    label.trim().chars().all(|c| c == '.') && !label.trim().is_empty()
                } else {
                    NON_SUBSTANTIVE.contains(&key.as_str())
                }
            };
            proptest::prop_assert_eq!(is_non_substantive(&label), by_key, "{:?}", label);
        }
    }
}
