//! TUI (placeholder)
pub fn run(_o: crate::engine::Opened) -> anyhow::Result<()> { Ok(()) }
