//! JSON written while it is read: an array (pretty on a terminal, compact
//! into a pipe or file) or one document per line (`--jsonl`), element by
//! element, so a list of 100,000 messages never stands whole in memory;
//! a long list is read on one core and written on the other.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Pretty,
    Compact,
    Lines,
}

impl Shape {
    /// `--jsonl`: one per line; else pretty only for a person at a terminal.
    pub fn choose(lines: bool) -> Shape {
        if lines {
            Shape::Lines
        } else if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            Shape::Pretty
        } else {
            Shape::Compact
        }
    }
}

pub struct JsonOut<W: Write> {
    out: W,
    shape: Shape,
    count: usize,
}

impl<W: Write> JsonOut<W> {
    pub fn new(out: W, shape: Shape) -> Self {
        JsonOut { out, shape, count: 0 }
    }

    pub fn item(&mut self, v: &impl Serialize) -> Result<()> {
        match self.shape {
            Shape::Lines => {
                serde_json::to_writer(&mut self.out, v)?;
                self.out.write_all(b"\n")?;
            }
            Shape::Compact => {
                self.out.write_all(if self.count == 0 { b"[" } else { b"," })?;
                serde_json::to_writer(&mut self.out, v)?;
            }
            Shape::Pretty => {
                self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, v)?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Closes the array (an empty one is `[]`) and flushes.
    pub fn end(mut self) -> Result<()> {
        match (self.shape, self.count) {
            (Shape::Lines, _) => {}
            (_, 0) => self.out.write_all(b"[]\n")?,
            (Shape::Compact, _) => self.out.write_all(b"]\n")?,
            (Shape::Pretty, _) => self.out.write_all(b"\n]\n")?,
        }
        self.out.flush()?;
        Ok(())
    }
}

/// How many elements pass from the reader to the writer at once, and how
/// many such batches may wait: memory stays bounded, whatever the length.
const BATCH: usize = 256;
const WAITING: usize = 8;

/// Reads on this thread and writes on another (`out` makes the writer
/// there: stdout's lock cannot move between threads). For a long list the
/// reading (SQLite, deadlines) and the writing (suggestions, JSON escaping)
/// each take about half the time; on two cores they overlap. `read` gets a
/// feed that says `false` once the writer has stopped (a closed pipe), and
/// should then stop too. The order is kept. The document is closed only
/// when everything was read: a read that failed leaves it unfinished, so a
/// script's JSON parser notices as well as the exit status.
pub fn pipelined<T: Send, W: Write>(
    shape: Shape,
    out: impl FnOnce() -> W + Send,
    read: impl FnOnce(&mut dyn FnMut(T) -> bool) -> Result<()>,
    mut write: impl FnMut(&mut JsonOut<W>, &T) -> Result<()> + Send,
) -> Result<()> {
    // Some(batch), then None once everything is read
    let (tx, rx) = std::sync::mpsc::sync_channel::<Option<Vec<T>>>(WAITING);
    // written batches go back to be dropped (and their room reused) where
    // they were allocated: freeing on the other thread costs more than the
    // overlap gains
    let (back_tx, back) = std::sync::mpsc::channel::<Vec<T>>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<()> {
            let mut doc = JsonOut::new(out(), shape);
            for batch in rx {
                let Some(batch) = batch else { return doc.end() };
                for t in &batch {
                    write(&mut doc, t)?;
                }
                let _ = back_tx.send(batch);
            }
            doc.out.flush()?; // the read failed: left unfinished
            Ok(())
        });
        let mut batch = Vec::with_capacity(BATCH);
        let mut open = true;
        let mut feed = |t: T| {
            batch.push(t);
            if batch.len() == BATCH {
                let next = match back.try_recv() {
                    Ok(mut used) => {
                        used.clear();
                        used
                    }
                    Err(_) => Vec::with_capacity(BATCH),
                };
                open = tx.send(Some(std::mem::replace(&mut batch, next))).is_ok();
            }
            open
        };
        let read = read(&mut feed);
        if open && read.is_ok() {
            let _ = tx.send(Some(batch));
            let _ = tx.send(None);
        }
        drop(tx);
        let written = writer.join().unwrap_or_else(|_| Err(anyhow::anyhow!("the JSON writer failed")));
        // the writer's error (a closed pipe) explains a stopped read
        written.and(read)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(shape: Shape, n: usize) -> String {
        let mut buf = Vec::new();
        let mut j = JsonOut::new(&mut buf, shape);
        for i in 0..n {
            j.item(&serde_json::json!({"id": i, "s": "å\"\n"})).unwrap();
        }
        j.end().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn every_shape_is_valid_json_and_empty_lists_too() {
        for shape in [Shape::Pretty, Shape::Compact] {
            for n in [0, 1, 3] {
                let v: serde_json::Value = serde_json::from_str(&write(shape, n)).unwrap();
                assert_eq!(v.as_array().unwrap().len(), n);
            }
        }
        assert_eq!(
            write(Shape::Compact, 2),
            "[{\"id\":0,\"s\":\"å\\\"\\n\"},{\"id\":1,\"s\":\"å\\\"\\n\"}]\n"
        );
        let lines = write(Shape::Lines, 3);
        assert_eq!(lines.lines().count(), 3);
        for l in lines.lines() {
            serde_json::from_str::<serde_json::Value>(l).unwrap();
        }
        assert_eq!(write(Shape::Lines, 0), "");
    }

    /// A shared buffer the writing thread writes into.
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn run(n: usize, fail_at: Option<usize>) -> (Result<()>, String) {
        let buf = Shared::default();
        let out = buf.clone();
        let result = pipelined(
            Shape::Compact,
            move || out,
            |feed| {
                for i in 0..n {
                    if Some(i) == fail_at {
                        anyhow::bail!("the disk went away");
                    }
                    feed(i);
                }
                Ok(())
            },
            |doc, i| doc.item(i),
        );
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        (result, text)
    }

    #[test]
    fn a_pipelined_list_keeps_its_order_and_a_failed_read_is_left_unfinished() {
        for n in [0, 1, BATCH, BATCH * 3 + 7] {
            let (result, text) = run(n, None);
            result.unwrap();
            let v: Vec<usize> = serde_json::from_str(&text).unwrap();
            assert_eq!(v, (0..n).collect::<Vec<_>>());
        }
        let (result, text) = run(BATCH * 3, Some(BATCH * 2 + 5));
        assert!(result.unwrap_err().to_string().contains("disk"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_err(),
            "not a whole document: {text:.40}"
        );
        assert!(text.starts_with("[0,1,2"));
    }
}
