//! The texts of outgoing mail: kvittens templates (Swedish and English
//! shipped, more or others in the config), the greeting and signature of a
//! reply, and the cover note of a forward. Placeholders are `{name}`; an
//! unknown one is an error when the config is read, and a line whose
//! placeholders are all empty (no diarienummer yet, say) is left out.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[&str] =
    &["received", "subject", "diarienummer", "handlaggare", "unit", "answer_by", "mailbox", "signature"];

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub subject: String,
    pub text: String,
}

/// The `[letters]` settings.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Letters {
    /// The first line of a reply ("Hej!").
    pub greeting: Option<String>,
    /// The end of every kvittens and reply.
    pub signature: Option<String>,
    /// The kvittens used when none is named (default "standard").
    pub default_kvittens: Option<String>,
    /// Kvittens templates by name; "standard" (Swedish) and "english" are shipped.
    pub kvittens: BTreeMap<String, Template>,
}

const SV: (&str, &str) = (
    "Vi har tagit emot ditt meddelande: {subject}",
    "Hej!\n\nTack för ditt meddelande. Vi tog emot det {received}.\n\
     Ärendet har diarienummer {diarienummer}.\n\
     Det handläggs av {handlaggare}, {unit}.\n\
     Vi räknar med att kunna svara senast {answer_by}. Tar det längre tid hör vi av oss.\n\n\
     Det här är en automatisk bekräftelse, du behöver inte svara på den.\n\
     Ange gärna diarienumret om du skriver till oss igen.\n\n{signature}\n",
);

const EN: (&str, &str) = (
    "We have received your message: {subject}",
    "Hello,\n\nThank you for your message, which we received on {received}.\n\
     Its reference number is {diarienummer}.\n\
     It is handled by {handlaggare}, {unit}.\n\
     We expect to answer by {answer_by}. Should it take longer, we will let you know.\n\n\
     This is an acknowledgement; there is no need to reply to it.\n\
     Please quote the reference number if you write to us again.\n\n{signature}\n",
);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("template {template:?}: unknown placeholder {{{name}}}; known: {}", PLACEHOLDERS.join(", "))]
    Unknown { template: String, name: String },
    #[error("no kvittens template named {0:?}; there are: {1}")]
    NoSuch(String, String),
}

/// The placeholder names in a text, in order.
fn names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

impl Letters {
    /// Every placeholder in every template is known.
    pub fn check(&self) -> Result<(), TemplateError> {
        for (name, t) in &self.kvittens {
            for text in [&t.subject, &t.text] {
                if let Some(bad) = names(text).into_iter().find(|n| !PLACEHOLDERS.contains(n)) {
                    return Err(TemplateError::Unknown { template: name.clone(), name: bad.to_string() });
                }
            }
        }
        Ok(())
    }

    /// The kvittens templates: the shipped ones, replaced or joined by the config's.
    pub fn templates(&self) -> BTreeMap<String, Template> {
        let mut all = BTreeMap::new();
        for (name, (subject, text)) in [("standard", SV), ("english", EN)] {
            all.insert(name.to_string(), Template { subject: subject.into(), text: text.into() });
        }
        all.extend(self.kvittens.clone());
        all
    }

    /// The named template (or the default one).
    pub fn template(&self, name: Option<&str>) -> Result<Template, TemplateError> {
        let name = name.or(self.default_kvittens.as_deref()).unwrap_or("standard");
        let all = self.templates();
        all.get(name).cloned().ok_or_else(|| {
            TemplateError::NoSuch(name.to_string(), all.keys().cloned().collect::<Vec<_>>().join(", "))
        })
    }

    pub fn signature(&self) -> String {
        self.signature.clone().unwrap_or_default()
    }

    /// What the editor opens with for a reply: greeting, room, signature.
    /// The original is never quoted.
    pub fn reply_template(&self) -> String {
        let greeting = self.greeting.clone().unwrap_or_else(|| "Hej!".into());
        format!("{greeting}\n\n\n\n{}\n", self.signature())
    }
}

/// Fills the placeholders; a line whose placeholders are all empty goes.
pub fn render(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let found = names(line);
        if !found.is_empty() && found.iter().all(|n| values.get(n).is_none_or(|v| v.trim().is_empty())) {
            continue;
        }
        let mut filled = line.to_string();
        for n in found {
            let value = values.get(n).cloned().unwrap_or_default();
            filled = filled.replacen(&format!("{{{n}}}"), &value, 1);
        }
        out.push(filled);
    }
    out.join("\n").trim_end().to_string() + "\n"
}

/// The cover note of a forward to a handläggare.
pub struct ForwardNote<'a> {
    pub by: &'a str,
    pub handlaggare: &'a str,
    pub previous: Option<&'a str>,
    pub diarienummer: Option<&'a str>,
    pub answer_by: &'a str,
    pub note: Option<&'a str>,
    /// The original is withheld (sensitive or a threat): where to find it.
    pub withheld: bool,
    pub mailbox: &'a str,
}

pub fn forward_text(n: &ForwardNote) -> String {
    let mut t = format!("Hej {}!\n\n", n.handlaggare);
    match n.previous {
        Some(prev) => t += &format!("{} har fördelat om det här ärendet till dig (tidigare {prev}).\n", n.by),
        None => t += &format!("{} har fördelat det här ärendet till dig.\n", n.by),
    }
    if let Some(d) = n.diarienummer {
        t += &format!("Diarienummer: {d}\n");
    }
    t += &format!("Svara avsändaren senast {}, eller meddela att det tar längre tid.\n", n.answer_by);
    if let Some(note) = n.note.filter(|s| !s.trim().is_empty()) {
        t += &format!("\nMeddelande från registraturen:\n{}\n", note.trim());
    }
    if n.withheld {
        t += &format!(
            "\nMeddelandet innehåller känsliga uppgifter och skickas därför inte med. \
             Läs det i diariet{} eller i funktionsbrevlådan {}.\n",
            n.diarienummer.map(|d| format!(" under {d}")).unwrap_or_default(),
            n.mailbox
        );
    } else {
        t += "\nDet ursprungliga meddelandet är bifogat oförändrat, med avsändare, datum och bilagor.\n";
    }
    t += "\nSvara avsändaren i ett nytt meddelande. Skicka inte vidare känsliga uppgifter i onödan.\n";
    t
}
