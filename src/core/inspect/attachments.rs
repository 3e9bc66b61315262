//! Dangerous attachments: executable, script and disk-image types,
//! macro-enabled Office files, archives that can hide them, double
//! extensions (faktura.pdf.exe) and the right-to-left override that makes
//! "fakturaexe.pdf" out of "faktura\u{202E}fdp.exe". Names are read raw,
//! before sanitizing, so the override is seen.

use mail_parser::{Message, MimeHeaders};

use super::{warn, Warning, WarningKind};

const EXECUTABLE: &[&str] = &[
    "exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta", "lnk", "msi",
    "msix", "appx", "cpl", "chm", "jar", "ps1", "reg", "iso", "img", "vhd", "vhdx", "htc",
];
const MACRO: &[&str] =
    &["docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "sldm"];
const ARCHIVE: &[&str] = &["zip", "7z", "rar"];
const DOCUMENT: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "png", "gif", "odt", "rtf",
    "html",
];

/// Why an attachment is dangerous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Danger {
    RightToLeftOverride,
    DoubleExtension,
    Executable,
    MacroEnabled,
    Archive,
}

impl Danger {
    /// The stable name used in JSON details.
    pub fn as_str(self) -> &'static str {
        match self {
            Danger::RightToLeftOverride => "right_to_left_override",
            Danger::DoubleExtension => "double_extension",
            Danger::Executable => "executable",
            Danger::MacroEnabled => "macro_enabled",
            Danger::Archive => "archive",
        }
    }
}

/// Why an attachment with this (raw) name and MIME type is dangerous.
pub fn danger(name: &str, mime: &str) -> Option<Danger> {
    if name.contains('\u{202E}') || name.contains('\u{2067}') || name.contains('\u{202B}') {
        return Some(Danger::RightToLeftOverride);
    }
    let lower = name.trim().trim_end_matches(['.', ' ']).to_lowercase();
    let mut parts = lower.rsplit('.');
    let ext = parts.next().unwrap_or("");
    let before = if lower.contains('.') { parts.next().unwrap_or("") } else { "" };
    let mime = mime.to_lowercase();
    if EXECUTABLE.contains(&ext) {
        if DOCUMENT.contains(&before) {
            return Some(Danger::DoubleExtension);
        }
        return Some(Danger::Executable);
    }
    if MACRO.contains(&ext) || mime.contains("macroenabled") {
        return Some(Danger::MacroEnabled);
    }
    if mime.contains("x-msdownload") || mime.contains("x-msdos-program") || mime.contains("x-ms-installer") {
        return Some(Danger::Executable);
    }
    if ARCHIVE.contains(&ext) {
        return Some(Danger::Archive);
    }
    None
}

pub fn check(msg: &Message) -> Option<Warning> {
    let found: Vec<String> = msg
        .attachments()
        .filter_map(|part| {
            let name = part.attachment_name().unwrap_or_default();
            let mime = part
                .content_type()
                .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")))
                .unwrap_or_default();
            danger(name, &mime).map(|why| format!("{name} ({})", why.as_str()))
        })
        .take(5)
        .collect();
    (!found.is_empty()).then(|| warn(WarningKind::DangerousAttachment, found.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_names_and_types() {
        assert_eq!(danger("faktura.pdf.exe", ""), Some(Danger::DoubleExtension));
        assert_eq!(danger("setup.EXE", ""), Some(Danger::Executable));
        assert_eq!(danger("budget.xlsm", ""), Some(Danger::MacroEnabled));
        assert_eq!(
            danger("x.bin", "application/vnd.ms-excel.sheet.macroEnabled.12"),
            Some(Danger::MacroEnabled)
        );
        assert_eq!(danger("faktura\u{202E}fdp.exe", ""), Some(Danger::RightToLeftOverride));
        assert_eq!(danger("bilder.zip", ""), Some(Danger::Archive));
        assert_eq!(danger("ritning.pdf", "application/pdf"), None);
        assert_eq!(danger("CV.docx", ""), None);
        assert_eq!(danger("", ""), None);
    }
}
