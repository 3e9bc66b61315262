//! JSON written while it is read: an array (pretty on a terminal, compact
//! into a pipe or file) or one document per line (`--jsonl`), element by
//! element, so a list of 100,000 messages never stands whole in memory.

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
}
