//! Every word list recognition uses, as data: answer-scale wordings in Danish and English,
//! non-substantive answers, and header words.

use crate::model::kinds::ScaleFamily;

/// One known wording of an answer scale: steps from most positive, each a list of accepted
/// `label_key` forms, the first being the canonical one.
pub(super) struct Variant {
    pub(super) family: ScaleFamily,
    pub(super) steps: &'static [&'static [&'static str]],
}

/// Normalised forms of non-substantive answers (after `label_key`).
pub(super) const NON_SUBSTANTIVE: &[&str] = &[
    "ved ikke",
    "ikke relevant",
    "ikke aktuelt",
    "ønsker ikke at svare",
    "ønsker ikke at oplyse",
    "vil ikke svare",
    "vil ikke oplyse",
    "vil helst ikke svare",
    "kan ikke svare",
    "kan ikke vurdere",
    "ved ikke/ikke relevant",
    "ikke relevant/ved ikke",
    "ved ikke/kan ikke svare",
    "ved ikke/ønsker ikke at svare",
    "har ingen mening",
    "ingen mening",
    "uoplyst",
    "ubesvaret",
    "ikke besvaret",
    "vet ikke",
    "vet ikkje",
    "ikke aktuell",
    "vet inte",
    "don't know",
    "dont know",
    "do not know",
    "don't know/not applicable",
    "not applicable",
    "not relevant",
    "prefer not to say",
    "prefer not to answer",
    "rather not say",
    "no opinion",
    "no answer",
    "n/a",
    "na",
    "n.a",
    "-",
    "--",
    "---",
    "–",
    "—",
    "?",
    "keine angabe",
    "k.a",
    "weiß nicht",
    "weiss nicht",
];

/// Header words of open questions.
pub(super) const FREE_TEXT_WORDS: &[&str] = &[
    "kommentar",
    "kommentarer",
    "bemærkning",
    "bemærkninger",
    "uddyb",
    "uddybe",
    "uddybning",
    "begrund",
    "begrundelse",
    "fritekst",
    "forslag",
    "comment",
    "comments",
    "specify",
    "elaborate",
    "text",
    "tekst",
];

pub(super) const RATING_STEMS: &[&str] = &[
    "tilfreds",
    "utilfreds",
    "tilfredshed",
    "vurder",
    "skala",
    "enig",
    "uenig",
    "grad",
    "rating",
    "rate",
    "satisf",
    "dissatisf",
    "agree",
    "disagree",
    "score",
    "anbefal",
    "recommend",
    "likely",
    "sandsynlig",
    "karakter",
    "scale",
    "nps",
    "oplevelse",
    "experience",
];

pub(super) const COUNT_STRONG: &[&str] = &[
    "antal",
    "alder",
    "age",
    "id",
    "postnummer",
    "postnr",
    "count",
    "beløb",
    "amount",
    "kr",
    "dkk",
    "timer",
    "hours",
    "minutter",
    "minutes",
    "dage",
    "days",
    "uger",
    "weeks",
    "måneder",
    "months",
    "duration",
    "varighed",
    "progress",
    "fødselsår",
    "årstal",
    "årgang",
    "løn",
    "indkomst",
    "income",
    "pris",
    "price",
    "procent",
    "percent",
];

pub(super) const COUNT_WEAK: &[&str] = &[
    "nr", "nummer", "år", "year", "years", "gange", "times", "hvilken", "hvilke", "which",
];

pub(super) const GROUPING: &[&str] = &[
    "kommune",
    "ydelse",
    "ydelsestype",
    "køn",
    "gender",
    "sex",
    "region",
    "jobcenter",
    "målgruppe",
    "aldersgruppe",
    "afdeling",
    "uddannelse",
    "department",
    "status",
    "finished",
    "kontaktform",
    "postnummer",
    "postnr",
];

/// Headers (lowercase, letters and digits only) that name a respondent or record identifier.
pub(super) const ID_HEADERS: &[&str] = &[
    "id",
    "respondentid",
    "responseid",
    "responsid",
    "respondent",
    "respondentnummer",
    "respondentnr",
    "løbenummer",
    "løbenr",
    "lbnr",
    "collectorid",
    "svarid",
    "besvarelsesid",
    "respid",
    "recordid",
    "userid",
    "brugerid",
    "uuid",
    "idnr",
    "idnummer",
];

/// Metadata headers of survey tools, lowercase with letters and digits only.
pub(super) const METADATA_HEADERS: &[&str] = &[
    // Qualtrics
    "startdate",
    "enddate",
    "status",
    "responsetype",
    "ipaddress",
    "progress",
    "duration",
    "durationinseconds",
    "finished",
    "recordeddate",
    "responseid",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    // SurveyMonkey
    "respondentid",
    "collectorid",
    "emailaddress",
    "firstname",
    "lastname",
    // Google Forms
    "tidsstempel",
    "timestamp",
    "emailadresse",
    // LimeSurvey
    "id",
    "submitdate",
    "datesubmitted",
    "lastpage",
    "startlanguage",
    "datestamp",
    "refurl",
    "ipaddr",
    "seed",
    // SurveyXact
    "statusvariabel",
];

/// Answers of yes/no and multiple-choice columns.
pub(super) const CHOICE_MARKERS: &[&str] = &[
    "ja",
    "nej",
    "yes",
    "no",
    "valgt",
    "ikke valgt",
    "selected",
    "not selected",
    "0",
    "1",
    "x",
];

#[rustfmt::skip]
pub(super) const SAT_DA_MID: &[&str] = &[
    "hverken tilfreds eller utilfreds",
    "hverken/eller",
    "hverken eller",
    "neutral",
    "både og",
];

#[rustfmt::skip]
pub(super) const AGREE_DA_MID: &[&str] = &[
    "hverken enig eller uenig",
    "hverken/eller",
    "hverken eller",
    "neutral",
    "verken enig eller uenig",
    "verken eller",
];

#[rustfmt::skip]
pub(super) const AGREE_DA_POS: &[&str] = &[
    "enig",
    "overvejende enig",
    "delvist enig",
    "delvis enig",
    "noget enig",
    "nogenlunde enig",
];

#[rustfmt::skip]
pub(super) const AGREE_DA_NEG: &[&str] = &[
    "uenig",
    "overvejende uenig",
    "delvist uenig",
    "delvis uenig",
    "noget uenig",
    "nogenlunde uenig",
];

#[rustfmt::skip]
pub(super) const EXTENT_DA_LOW: &[&str] = &[
    "i mindre grad",
    "i ringe grad",
    "i lav grad",
    "i lille grad",
];

#[rustfmt::skip]
pub(super) const EXTENT_DA_NONE: &[&str] = &[
    "slet ikke",
    "i meget lav grad",
    "i meget ringe grad",
    "i meget lille grad",
    "ikke",
];

#[rustfmt::skip]
pub(super) const AGREE_EN_POS: &[&str] = &[
    "agree",
    "somewhat agree",
    "mostly agree",
    "tend to agree",
    "partly agree",
    "slightly agree",
];

#[rustfmt::skip]
pub(super) const AGREE_EN_NEG: &[&str] = &[
    "disagree",
    "somewhat disagree",
    "mostly disagree",
    "tend to disagree",
    "partly disagree",
    "slightly disagree",
];

#[rustfmt::skip]
pub(super) const AGREE_EN_MID: &[&str] = &[
    "neither agree nor disagree",
    "neither agree or disagree",
    "neutral",
    "neither",
];

#[rustfmt::skip]
pub(super) const SAT_EN_MID: &[&str] = &[
    "neither satisfied nor dissatisfied",
    "neither satisfied or dissatisfied",
    "neutral",
    "neither",
];

/// Known scales. Order matters only for ties: the earlier variant wins.
#[rustfmt::skip]
pub(super) const VARIANTS: &[Variant] = &[
    // Satisfaction
    Variant {
        family: ScaleFamily::Satisfaction,
        steps: &[
            &["meget tilfreds", "særdeles tilfreds", "yderst tilfreds"],
            &[
                "tilfreds",
                "overvejende tilfreds",
                "delvist tilfreds",
                "delvis tilfreds",
            ],
            SAT_DA_MID,
            &[
                "utilfreds",
                "overvejende utilfreds",
                "delvist utilfreds",
                "delvis utilfreds",
                "ikke tilfreds",
            ],
            &["meget utilfreds", "særdeles utilfreds", "yderst utilfreds"],
        ],
    },
    Variant {
        family: ScaleFamily::Satisfaction,
        steps: &[
            &["meget tilfreds", "særdeles tilfreds"],
            &["tilfreds", "overvejende tilfreds", "delvist tilfreds"],
            &[
                "utilfreds",
                "overvejende utilfreds",
                "delvist utilfreds",
                "ikke tilfreds",
            ],
            &["meget utilfreds", "særdeles utilfreds"],
        ],
    },
    Variant {
        family: ScaleFamily::Satisfaction,
        steps: &[
            &[
                "very satisfied",
                "extremely satisfied",
                "completely satisfied",
            ],
            &[
                "satisfied",
                "somewhat satisfied",
                "fairly satisfied",
                "mostly satisfied",
            ],
            SAT_EN_MID,
            &[
                "dissatisfied",
                "somewhat dissatisfied",
                "fairly dissatisfied",
                "unsatisfied",
            ],
            &[
                "very dissatisfied",
                "extremely dissatisfied",
                "completely dissatisfied",
                "very unsatisfied",
            ],
        ],
    },
    Variant {
        family: ScaleFamily::Satisfaction,
        steps: &[
            &["very satisfied", "extremely satisfied"],
            &["satisfied", "somewhat satisfied"],
            &["dissatisfied", "somewhat dissatisfied"],
            &["very dissatisfied", "extremely dissatisfied"],
        ],
    },
    // Agreement: the wordings differ only in which label is canonical.
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["helt enig", "meget enig"],
            AGREE_DA_POS,
            AGREE_DA_MID,
            AGREE_DA_NEG,
            &["helt uenig", "meget uenig"],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["helt enig", "meget enig"],
            &["delvist enig", "delvis enig", "overvejende enig", "enig"],
            AGREE_DA_MID,
            &[
                "delvist uenig",
                "delvis uenig",
                "overvejende uenig",
                "uenig",
            ],
            &["helt uenig", "meget uenig"],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["meget enig", "helt enig"],
            &["delvis enig", "delvist enig", "overvejende enig", "enig"],
            AGREE_DA_MID,
            &[
                "delvis uenig",
                "delvist uenig",
                "overvejende uenig",
                "uenig",
            ],
            &["meget uenig", "helt uenig"],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["helt enig", "meget enig"],
            &["overvejende enig", "delvist enig", "delvis enig", "enig"],
            AGREE_DA_MID,
            &[
                "overvejende uenig",
                "delvist uenig",
                "delvis uenig",
                "uenig",
            ],
            &["helt uenig", "meget uenig"],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["helt enig", "meget enig"],
            AGREE_DA_POS,
            AGREE_DA_NEG,
            &["helt uenig", "meget uenig"],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["strongly agree", "completely agree", "totally agree"],
            AGREE_EN_POS,
            AGREE_EN_MID,
            AGREE_EN_NEG,
            &[
                "strongly disagree",
                "completely disagree",
                "totally disagree",
            ],
        ],
    },
    Variant {
        family: ScaleFamily::Agreement,
        steps: &[
            &["strongly agree", "completely agree"],
            AGREE_EN_POS,
            AGREE_EN_NEG,
            &["strongly disagree", "completely disagree"],
        ],
    },
    // Extent
    Variant {
        family: ScaleFamily::Extent,
        steps: &[
            &["i meget høj grad", "i særdeles høj grad"],
            &["i høj grad"],
            &[
                "i nogen grad",
                "hverken eller",
                "hverken/eller",
                "hverken i høj eller lav grad",
                "i middel grad",
            ],
            EXTENT_DA_LOW,
            EXTENT_DA_NONE,
        ],
    },
    Variant {
        family: ScaleFamily::Extent,
        steps: &[
            &["i meget høj grad"],
            &["i høj grad"],
            &[
                "hverken eller",
                "hverken/eller",
                "hverken i høj eller lav grad",
                "i nogen grad",
            ],
            &["i lav grad", "i ringe grad", "i mindre grad"],
            &["i meget lav grad", "i meget ringe grad", "slet ikke"],
        ],
    },
    Variant {
        family: ScaleFamily::Extent,
        steps: &[
            &["i høj grad"],
            &["i nogen grad"],
            EXTENT_DA_LOW,
            EXTENT_DA_NONE,
        ],
    },
    Variant {
        family: ScaleFamily::Extent,
        steps: &[
            &[
                "to a very great extent",
                "to a very large extent",
                "to a very high degree",
                "to a very great degree",
            ],
            &[
                "to a great extent",
                "to a large extent",
                "to a high degree",
                "to a great degree",
            ],
            &[
                "to some extent",
                "to a moderate extent",
                "to some degree",
                "somewhat",
                "to a moderate degree",
            ],
            &[
                "to a small extent",
                "to a little extent",
                "to a limited extent",
                "to a small degree",
                "to a low degree",
                "very little",
            ],
            &["not at all", "to no extent", "to a very small extent"],
        ],
    },
    // Quality
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["meget god", "rigtig god", "særdeles god"],
            &["god"],
            &[
                "hverken god eller dårlig",
                "middel",
                "neutral",
                "hverken eller",
                "hverken/eller",
                "acceptabel",
                "nogenlunde",
            ],
            &["dårlig"],
            &["meget dårlig", "rigtig dårlig", "særdeles dårlig"],
        ],
    },
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["rigtig godt", "meget godt", "særdeles godt"],
            &["godt"],
            &[
                "hverken godt eller dårligt",
                "middel",
                "neutral",
                "hverken eller",
                "hverken/eller",
                "nogenlunde",
            ],
            &["dårligt"],
            &["rigtig dårligt", "meget dårligt", "særdeles dårligt"],
        ],
    },
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["meget godt", "rigtig godt", "særdeles godt"],
            &["godt"],
            &[
                "hverken godt eller dårligt",
                "middel",
                "neutral",
                "hverken eller",
                "hverken/eller",
                "nogenlunde",
            ],
            &["dårligt"],
            &["meget dårligt", "rigtig dårligt", "særdeles dårligt"],
        ],
    },
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["meget god", "rigtig god"],
            &["god"],
            &["dårlig"],
            &["meget dårlig", "rigtig dårlig"],
        ],
    },
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["very good"],
            &["good"],
            &[
                "neither good nor poor",
                "neither good nor bad",
                "fair",
                "average",
                "ok",
                "okay",
                "acceptable",
                "neutral",
            ],
            &["poor", "bad"],
            &["very poor", "very bad"],
        ],
    },
    Variant {
        family: ScaleFamily::Quality,
        steps: &[
            &["excellent"],
            &["very good"],
            &["good"],
            &["fair"],
            &["poor"],
        ],
    },
    // Attitude
    Variant {
        family: ScaleFamily::Attitude,
        steps: &[
            &["positiv", "meget positiv"],
            &["overvejende positiv", "delvist positiv", "delvis positiv"],
            &[
                "hverken positiv eller negativ",
                "neutral",
                "hverken eller",
                "hverken/eller",
            ],
            &["overvejende negativ", "delvist negativ", "delvis negativ"],
            &["negativ", "meget negativ"],
        ],
    },
    Variant {
        family: ScaleFamily::Attitude,
        steps: &[
            &["meget positiv"],
            &["positiv", "overvejende positiv"],
            &[
                "hverken positiv eller negativ",
                "neutral",
                "hverken eller",
                "hverken/eller",
            ],
            &["negativ", "overvejende negativ"],
            &["meget negativ"],
        ],
    },
    Variant {
        family: ScaleFamily::Attitude,
        steps: &[
            &["very positive"],
            &["positive", "somewhat positive"],
            &["neither positive nor negative", "neutral"],
            &["negative", "somewhat negative"],
            &["very negative"],
        ],
    },
    // Likelihood and frequency
    Variant {
        family: ScaleFamily::Other,
        steps: &[
            &["very likely", "extremely likely"],
            &["likely", "somewhat likely"],
            &["neither likely nor unlikely", "neutral"],
            &["unlikely", "somewhat unlikely"],
            &["very unlikely", "extremely unlikely"],
        ],
    },
    Variant {
        family: ScaleFamily::Other,
        steps: &[
            &["meget sandsynligt", "meget sandsynlig"],
            &["sandsynligt", "sandsynlig"],
            &[
                "hverken sandsynligt eller usandsynligt",
                "hverken eller",
                "neutral",
            ],
            &["usandsynligt", "usandsynlig", "lidt sandsynligt"],
            &[
                "meget usandsynligt",
                "meget usandsynlig",
                "slet ikke sandsynligt",
            ],
        ],
    },
    Variant {
        family: ScaleFamily::Other,
        steps: &[
            &["altid"],
            &["ofte", "for det meste", "tit"],
            &["nogle gange", "af og til", "somme tider"],
            &["sjældent"],
            &["aldrig"],
        ],
    },
    Variant {
        family: ScaleFamily::Other,
        steps: &[
            &["always"],
            &["often", "usually", "most of the time"],
            &["sometimes"],
            &["rarely", "seldom"],
            &["never"],
        ],
    },
];
