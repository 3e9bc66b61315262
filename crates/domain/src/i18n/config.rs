//! The words of a config that cannot be used: which table, which line,
//! and what is wrong, in the config's language (Swedish and English;
//! `config::parse` says them). The TOML reader's own messages are put in
//! Swedish where they follow serde's fixed forms.

pub struct ConfigTexts {
    pub no_file: &'static str,
    pub line: &'static str,
    pub pattern: &'static str,
    pub id_one_word: &'static str,
    pub id_twice: &'static str,
    pub account_twice: &'static str,
    pub account_source: &'static str,
    pub account: &'static str,
    pub imap_url: &'static str,
    pub smtp_url: &'static str,
    pub address: &'static str,
    pub placeholder: &'static str,
    pub view_name: &'static str,
    pub view_value: &'static str,
    pub key_action: &'static str,
    pub key_none: &'static str,
    pub key_unknown: &'static str,
    pub key_reserved: &'static str,
    pub key_typed: &'static str,
    pub key_twice: &'static str,
    pub theme_name: &'static str,
    pub theme_colour: &'static str,
    pub theme_role: &'static str,
    /// serde's forms: unknown field, missing field, wrong type, unknown
    /// value, a key twice (Swedish only; English keeps the reader's words).
    pub toml: Option<[&'static str; 5]>,
}

pub static SV: ConfigTexts = ConfigTexts {
    no_file: "{0}: filen finns inte",
    line: "rad {0}",
    pattern: "diarienummer_pattern är inget giltigt reguljärt uttryck: {0}",
    id_one_word: "handläggarens id {0} ska vara ett ord",
    id_twice: "handläggarens id {0} finns två gånger",
    account_twice: "kontot {0} finns två gånger",
    account_source: "kontot {0} behöver maildir = \"SÖKVÄG\" eller imap = \"URL\"",
    account: "kontot {0}: {1}",
    imap_url: "inte en IMAP-adress ({0}); skriv imaps://användare@server:993/INBOX",
    smtp_url: "inte en SMTP-adress ({0}); skriv smtps://användare@server:465 eller smtp://användare@server:587",
    address: "{0} är ingen e-postadress: {1}",
    placeholder: "mallen {0}: okänd platshållare {1}; de som finns: {2}",
    view_name: "en vy behöver ett namn (name = \"…\")",
    view_value: "vyn {0}: {1} kan inte vara {2}",
    key_action: "okänd åtgärd {0} (de som finns: {1})",
    key_none: "{0}: ingen tangent angiven",
    key_unknown: "{0}: okänd tangent {1}",
    key_reserved: "{0}: Ctrl-C avslutar alltid postrum och kan inte kopplas om",
    key_typed: "{0}: tangenten {1} skulle skrivas in i dialogrutornas textfält (välj Enter, Esc, Tab, en piltangent, F1–F12 eller ctrl-BOKSTAV)",
    key_twice: "tangenten {0} är kopplad till både {1} och {2}",
    theme_name: "okänt tema {0} (default, high-contrast)",
    theme_colour: "{0}: okänd färg {1} (ett namn, #rrggbb eller 0–255)",
    theme_role: "okänd roll {0} (alarm, warn, ok, badge, mark, faint)",
    toml: Some([
        "okänt fält {0}, de som finns: {1}",
        "fältet {0} saknas",
        "fel typ: {0}, ska vara {1}",
        "okänt värde {0}, de som finns: {1}",
        "{0} finns två gånger",
    ]),
};

pub static EN: ConfigTexts = ConfigTexts {
    no_file: "{0}: no such file",
    line: "line {0}",
    pattern: "diarienummer_pattern is not a valid regular expression: {0}",
    id_one_word: "handlaggare id {0}: must be one word",
    id_twice: "handlaggare id {0} appears twice",
    account_twice: "account {0} appears twice",
    account_source: "account {0} needs maildir = \"PATH\" or imap = \"URL\"",
    account: "account {0}: {1}",
    imap_url: "not an IMAP URL ({0}); write imaps://user@host:993/INBOX",
    smtp_url: "not an SMTP URL ({0}); write smtps://user@host:465 or smtp://user@host:587",
    address: "{0} is not a mail address: {1}",
    placeholder: "template {0}: unknown placeholder {1}; known: {2}",
    view_name: "a view needs a name (name = \"…\")",
    view_value: "view {0}: {1} cannot be {2}",
    key_action: "unknown action {0} (known: {1})",
    key_none: "{0}: no key given",
    key_unknown: "{0}: unknown key {1}",
    key_reserved: "{0}: Ctrl-C always quits postrum and cannot be bound",
    key_typed: "{0}: the key {1} would be typed into the dialogs' text fields (use Enter, Esc, Tab, an arrow, F1–F12 or ctrl-LETTER)",
    key_twice: "the key {0} is bound to both {1} and {2}",
    theme_name: "unknown theme {0} (default, high-contrast)",
    theme_colour: "{0}: unknown colour {1} (a name, #rrggbb or 0-255)",
    theme_role: "unknown role {0} (alarm, warn, ok, badge, mark, faint)",
    toml: None,
};

/// The words for a language.
pub fn of(lang: super::Lang) -> &'static ConfigTexts {
    match lang {
        super::Lang::Sv => &SV,
        super::Lang::En => &EN,
    }
}

/// serde's message in Swedish where it has one of serde's fixed forms;
/// anything else as it is.
pub fn toml_message(t: &ConfigTexts, message: &str) -> String {
    let Some([unknown_field, missing, wrong_type, unknown_value, twice]) = t.toml else {
        return message.to_string();
    };
    let split = |rest: &str, sep: &str| rest.split_once(sep).map(|(a, b)| (a.to_string(), b.to_string()));
    if let Some((field, known)) =
        message.strip_prefix("unknown field ").and_then(|r| split(r, ", expected one of "))
    {
        return super::fill(unknown_field, &[&field, &known]);
    }
    if let Some((value, known)) =
        message.strip_prefix("unknown variant ").and_then(|r| split(r, ", expected one of "))
    {
        return super::fill(unknown_value, &[&value, &known]);
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return super::fill(missing, &[&field]);
    }
    if let Some((got, want)) = message.strip_prefix("invalid type: ").and_then(|r| split(r, ", expected ")) {
        return super::fill(wrong_type, &[&got, &want]);
    }
    if let Some(key) = message.strip_prefix("duplicate key ") {
        return super::fill(twice, &[&key]);
    }
    message.to_string()
}
