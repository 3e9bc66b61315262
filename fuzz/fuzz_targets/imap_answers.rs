//! Fuzz target: raw bytes as a server's answers → the first sync's quick
//! FETCH reader. Any panic is a finding, and so is a claim to have read
//! more bytes than there are, or a message's header block (when not
//! empty: `NIL` reads as an empty block) said to lie outside the answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postrum::mail::imap::quick::{fetch, Quick};

fuzz_target!(|data: &[u8]| {
    let mut rest = data;
    // as the reader is used: one answer after another from a buffer
    while let Quick::Fetch(used, f) = fetch(rest) {
        assert!(used > 0 && used <= rest.len(), "read {used} of {}", rest.len());
        if let Some(head) = f.head.filter(|h| !h.is_empty()) {
            let start = head.as_ptr() as usize;
            let base = rest.as_ptr() as usize;
            assert!(start >= base && start + head.len() <= base + used, "header block outside the answer");
        }
        rest = &rest[used..];
    }
});
