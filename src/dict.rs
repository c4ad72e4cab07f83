//! A small dictionary of distinct byte strings, tuned for survey columns: few distinct, short
//! values looked up once per cell. Open addressing with a 32-bit hash check before comparing
//! bytes; keys live in one arena so a column's dictionary is a handful of allocations.

/// Distinct byte strings with dense indices in insertion order.
#[derive(Debug, Clone, Default)]
pub struct ByteDict {
    slots: Vec<u32>,
    hashes: Vec<u32>,
    spans: Vec<(u32, u32)>,
    arena: Vec<u8>,
}

const LO: u64 = 0x0101_0101_0101_0101;
const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn load_u64(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else if n >= 4 {
        // Two overlapping four-byte loads: the overlap holds the same bytes, so OR-ing them
        // gives exactly the little-endian value of the n bytes.
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        lo | (hi << ((n - 4) * 8))
    } else {
        let mut v = 0u64;
        for (i, &byte) in b.iter().enumerate() {
            v |= u64::from(byte) << (i * 8);
        }
        v
    }
}

/// A fast hash of a short slice: its first and last eight bytes and its length; longer slices
/// mix in every eight-byte word.
#[inline]
pub fn hash_bytes(v: &[u8]) -> u64 {
    let n = v.len();
    let mut h = (n as u64).wrapping_mul(LO);
    if n <= 16 {
        let a = load_u64(v);
        let b = if n > 8 { load_u64(&v[n - 8..]) } else { 0 };
        h ^= a.wrapping_mul(MUL).rotate_left(23) ^ b;
    } else {
        for chunk in v.chunks(8) {
            h = (h ^ load_u64(chunk)).wrapping_mul(MUL).rotate_left(29);
        }
    }
    h.wrapping_mul(MUL) ^ (h >> 32)
}

/// Byte equality without a library call for the short values survey cells hold.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n <= 16 {
        if n >= 8 {
            return load_u64(a) == load_u64(b) && load_u64(&a[n - 8..]) == load_u64(&b[n - 8..]);
        }
        return load_u64(a) == load_u64(b);
    }
    a == b
}

impl ByteDict {
    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when no key was inserted.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Total bytes of all keys.
    pub fn key_bytes(&self) -> usize {
        self.arena.len()
    }

    /// The key with index `i`.
    pub fn key(&self, i: usize) -> &[u8] {
        let (a, b) = self.spans[i];
        &self.arena[a as usize..b as usize]
    }

    /// Index of `value`, if present.
    #[inline]
    pub fn get(&self, value: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = hash_bytes(value);
        let tag = h as u32;
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            let idx = slot - 1;
            if self.hashes[idx as usize] == tag && same_bytes(self.key(idx as usize), value) {
                return Some(idx);
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts a key known to be absent; returns its index.
    pub fn insert(&mut self, value: &[u8]) -> u32 {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let idx = self.spans.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(value);
        self.spans.push((start, self.arena.len() as u32));
        let h = hash_bytes(value);
        self.hashes.push(h as u32);
        self.place(h, idx);
        idx
    }

    fn place(&mut self, h: u64, idx: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = idx + 1;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![0; size];
        for idx in 0..self.spans.len() {
            let h = hash_bytes(self.key(idx));
            self.place(h, idx as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut d = ByteDict::default();
        let words: Vec<Vec<u8>> = (0..500)
            .map(|i| format!("værdi nummer {i}").into_bytes())
            .collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(d.get(w), None);
            assert_eq!(d.insert(w), i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(d.get(w), Some(i as u32));
            assert_eq!(d.key(i), &w[..]);
        }
        assert_eq!(d.get("værdi nummer 500".as_bytes()), None);
        assert_eq!(d.get(b""), None);
        let e = d.insert(b"");
        assert_eq!(d.get(b""), Some(e));
    }
}
