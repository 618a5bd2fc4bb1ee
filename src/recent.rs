//! A small memory of recent results: a handful of keys and their values,
//! the least recently used forgotten first. The renderer keeps packed
//! streams and font sets in one, figures their measured aspects: a batch
//! prints the same few of each on a thousand sheets.

/// At most `kept` keys and their values, the most recently used last.
#[derive(Debug)]
pub struct Recent<K, V> {
    kept: usize,
    entries: Vec<(K, V)>,
}

impl<K, V: Clone> Recent<K, V> {
    /// An empty memory of at most `kept` entries.
    pub const fn new(kept: usize) -> Self {
        Recent { kept, entries: Vec::new() }
    }

    /// The value of the first key that `matches`, which becomes the most
    /// recently used; `None` when no key matches.
    pub fn find(&mut self, matches: impl Fn(&K) -> bool) -> Option<V> {
        let at = self.entries.iter().position(|(key, _)| matches(key))?;
        let entry = self.entries.remove(at);
        let value = entry.1.clone();
        self.entries.push(entry);
        Some(value)
    }

    /// Keeps `value` for `key` as the most recently used, forgetting the
    /// least recently used when full.
    pub fn keep(&mut self, key: K, value: V) {
        if self.entries.len() >= self.kept.max(1) {
            self.entries.remove(0);
        }
        self.entries.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_is_forgotten_first() {
        let mut recent = Recent::new(2);
        recent.keep("logo", 1);
        recent.keep("font", 2);
        assert_eq!(recent.find(|k| *k == "logo"), Some(1), "found, and now the most recent");
        recent.keep("other font", 3);
        assert_eq!(recent.find(|k| *k == "font"), None, "the least recently used went");
        assert_eq!(recent.find(|k| *k == "logo"), Some(1));
        assert_eq!(recent.find(|k| *k == "other font"), Some(3));
    }
}
