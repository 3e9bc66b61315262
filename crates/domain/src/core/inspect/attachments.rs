//! Dangerous attachments: executable, script and disk-image types,
//! macro-enabled Office files, archives that can hide them, double
//! extensions (faktura.pdf.exe) and the right-to-left override that makes
//! "fakturaexe.pdf" out of "faktura\u{202E}fdp.exe". One function,
//! `clean_name`, turns an attachment's raw name into what is shown, checked
//! and saved, so an invisible character inside ".exe" cannot hide it from
//! the check while the user sees and gets "virus.exe"; the override itself
//! is looked for in the raw name.

use mail_parser::{Message, MessagePart, MimeHeaders};

use super::{warn, Warning, WarningKind};
use crate::core::sanitize;

// The source of truth: the types Outlook blocks ("Blocked attachments in
// Outlook", Microsoft's Level 1 list) and Gmail refuses ("File types
// blocked in Gmail"), as of 2026, merged; kept in one list each here so a
// change there is one line here.
const EXECUTABLE: &[&str] = &[
    // Outlook's Level 1 list
    "ade",
    "adp",
    "app",
    "application",
    "appref-ms",
    "asp",
    "aspx",
    "asx",
    "bas",
    "bat",
    "bgi",
    "cer",
    "chm",
    "cmd",
    "cnt",
    "com",
    "cpl",
    "crt",
    "csh",
    "der",
    "diagcab",
    "exe",
    "fxp",
    "gadget",
    "grp",
    "hlp",
    "hpj",
    "hta",
    "htc",
    "inf",
    "ins",
    "isp",
    "its",
    "jar",
    "jnlp",
    "js",
    "jse",
    "ksh",
    "lnk",
    "mad",
    "maf",
    "mag",
    "mam",
    "maq",
    "mar",
    "mas",
    "mat",
    "mau",
    "mav",
    "maw",
    "mcf",
    "mda",
    "mdb",
    "mde",
    "mdt",
    "mdw",
    "mdz",
    "msc",
    "msh",
    "msh1",
    "msh2",
    "mshxml",
    "msh1xml",
    "msh2xml",
    "msi",
    "msp",
    "mst",
    "msu",
    "ops",
    "osd",
    "pcd",
    "pif",
    "pl",
    "plg",
    "prf",
    "prg",
    "printerexport",
    "ps1",
    "ps1xml",
    "ps2",
    "ps2xml",
    "psc1",
    "psc2",
    "psd1",
    "psdm1",
    "psm1",
    "pst",
    "py",
    "pyc",
    "pyo",
    "pyw",
    "pyz",
    "pyzw",
    "reg",
    "scf",
    "scr",
    "sct",
    "shb",
    "shs",
    "theme",
    "tmp",
    "url",
    "vb",
    "vbe",
    "vbp",
    "vbs",
    "vhd",
    "vhdx",
    "vsmacros",
    "vsw",
    "webpnp",
    "website",
    "ws",
    "wsb",
    "wsc",
    "wsf",
    "wsh",
    "xbap",
    "xll",
    "xnk",
    "appcontent-ms",
    "settingcontent-ms",
    "library-ms",
    "search-ms",
    "searchconnector-ms",
    // Gmail's, beyond Outlook's
    "apk",
    "appx",
    "appxbundle",
    "diagcfg",
    "diagpack",
    "dll",
    "dmg",
    "ex",
    "ex_",
    "img",
    "iso",
    "lib",
    "msix",
    "msixbundle",
    "nsh",
    "sys",
    "vxd",
];
/// Pages and notebooks that run script or ask for a password when opened:
/// the credential-phishing attachment (not blocked by either, so named here).
const ACTIVE: &[&str] =
    &["html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "one", "onepkg", "xht"];
const MACRO: &[&str] =
    &["docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "sldm"];
const ARCHIVE: &[&str] = &[
    "zip", "zipx", "7z", "rar", "ace", "cab", "arj", "lzh", "lha", "tar", "gz", "tgz", "bz2", "tbz", "xz",
    "txz", "z", "zst", "uue", "xxe",
];
/// What a file pretending to be harmless says it is, before its real
/// extension (faktura.pdf.exe, faktura.pdf.html).
const DOCUMENT: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "png", "gif", "odt", "ods",
    "rtf", "csv", "tif", "tiff", "heic", "eml", "msg",
];

/// Why an attachment is dangerous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Danger {
    RightToLeftOverride,
    DoubleExtension,
    Executable,
    /// A web page, SVG image or OneNote file: runs script or asks for a
    /// password when opened.
    ActiveContent,
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
            Danger::ActiveContent => "active_content",
            Danger::MacroEnabled => "macro_enabled",
            Danger::Archive => "archive",
        }
    }
}

/// An attachment's name as postrum shows it, checks it and saves it:
/// full-width letters as their ASCII twins, then the file-name sanitizer
/// (no controls, invisible or bidi characters, path separators, leading
/// dots, trailing dots and spaces, which Windows drops).
pub fn clean_name(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    sanitize::file_name(&mapped)
}

/// The name shown for a part: `clean_name`, or empty when nothing is left
/// (the view names an unnamed part in the reader's language).
pub fn shown_name(raw: &str) -> String {
    if sanitize::line(raw).trim_matches(['.', ' ']).is_empty() {
        String::new()
    } else {
        clean_name(raw)
    }
}

/// Every part a person may want listed, checked and saved, in the
/// message's order: the attachments, and a text part that carries a file
/// name even where it is also shown as the body (two inline parts with
/// one name are two parts).
pub fn listed<'a>(msg: &'a Message<'a>) -> Vec<&'a MessagePart<'a>> {
    let mut ids: Vec<usize> = msg.attachments.iter().map(|id| *id as usize).collect();
    for id in msg.text_body.iter().chain(msg.html_body.iter()).map(|id| *id as usize) {
        if msg.parts.get(id).is_some_and(|p| p.attachment_name().is_some()) {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().filter_map(|i| msg.parts.get(i)).collect()
}

/// Why an attachment with this raw name and MIME type is dangerous: the
/// checks run on `clean_name` of it, what the user sees and would save.
pub fn danger(raw: &str, mime: &str) -> Option<Danger> {
    if raw.contains('\u{202E}') || raw.contains('\u{2067}') || raw.contains('\u{202B}') {
        return Some(Danger::RightToLeftOverride);
    }
    let lower = clean_name(raw).to_lowercase();
    let mut parts = lower.rsplit('.');
    let ext = parts.next().unwrap_or("");
    let before = if lower.contains('.') { parts.next().unwrap_or("") } else { "" };
    let mime = mime.to_lowercase();
    // the last two extensions: the real one, and what it pretends to be
    if EXECUTABLE.contains(&ext) || ACTIVE.contains(&ext) {
        if DOCUMENT.contains(&before) {
            return Some(Danger::DoubleExtension);
        }
        return Some(if ACTIVE.contains(&ext) { Danger::ActiveContent } else { Danger::Executable });
    }
    if mime.starts_with("text/html") || mime.starts_with("image/svg") || mime.contains("onenote") {
        return Some(Danger::ActiveContent);
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
    let found: Vec<String> = listed(msg)
        .into_iter()
        .filter_map(|part| {
            let name = part.attachment_name().unwrap_or_default();
            let mime = part
                .content_type()
                .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")))
                .unwrap_or_default();
            danger(name, &mime).map(|why| format!("{} ({})", clean_name(name), why.as_str()))
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

    /// What Outlook and Gmail block, pages that phish for passwords, and
    /// the last two extensions (issue 20).
    #[test]
    fn blocked_types_pages_and_the_last_two_extensions() {
        for name in ["sida.html", "sida.htm", "bild.svg", "anteckning.one", "länk.url", "tillägg.xll"] {
            assert!(danger(name, "").is_some(), "{name}");
        }
        for name in ["a.dll", "a.psm1", "a.cab", "a.ace", "a.tar.gz", "a.msix", "a.iso"] {
            assert!(danger(name, "").is_some(), "{name}");
        }
        assert_eq!(danger("faktura.pdf.html", ""), Some(Danger::DoubleExtension));
        assert_eq!(danger("logga.svg", "image/svg+xml"), Some(Danger::ActiveContent));
        assert_eq!(danger("bilaga", "text/html"), Some(Danger::ActiveContent));
        assert_eq!(danger("faktura.pdf", "application/pdf"), None);
        assert_eq!(danger("rapport 2026.12.docx", ""), None);
    }

    /// What is checked is what is shown and saved: nothing invisible,
    /// no trailing dot or space, no case or width trick hides ".exe".
    #[test]
    fn hidden_extensions_are_found_in_the_name_the_user_sees() {
        for raw in [
            "virus.e\u{200B}xe",
            "virus.e\u{00AD}xe",
            "virus.e\u{0007}xe",
            "virus.ex\u{FE0F}e",
            "virus.ex\u{E0101}e",
            "virus.e\u{2060}xe",
            "virus.exe.",
            "virus.exe . .",
            "virus.exe\u{00A0}",
            "VIRUS.ExE",
            "virus.\u{FF45}\u{FF58}\u{FF45}",
            "virus\u{FF0E}exe",
        ] {
            assert_eq!(
                clean_name(raw),
                if raw.starts_with('V') { "VIRUS.ExE" } else { "virus.exe" },
                "{raw:?}"
            );
            assert_eq!(danger(raw, ""), Some(Danger::Executable), "{raw:?}");
        }
        assert_eq!(danger("faktura.pdf\u{200B}.exe", ""), Some(Danger::DoubleExtension));
        assert_eq!(danger("makro.docm\u{200D}", ""), Some(Danger::MacroEnabled));
        assert_eq!(clean_name("../../etc/passwd"), "_.._etc_passwd");
    }
}
