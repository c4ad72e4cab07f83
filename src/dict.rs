//! A small dictionary of distinct byte strings, tuned for survey columns: few distinct, short
//! values looked up once per cell. Open addressing whose slots hold each key's fingerprint, so
//! a value of up to 16 bytes is found by comparing two words; keys live in one arena so a
//! column's dictionary is a handful of allocations.

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

/// A slice's first and last eight bytes (zero-padded) and its length. For slices of up to 16
/// bytes the fingerprint determines the bytes, so equal fingerprints mean equal keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fingerprint {
    head: u64,
    tail: u64,
    len: u32,
}

#[inline]
fn fingerprint(v: &[u8]) -> Fingerprint {
    let n = v.len();
    let head = load_u64(v);
    let tail = if n > 8 { load_u64(&v[n - 8..]) } else { 0 };
    Fingerprint {
        head,
        tail,
        len: n as u32,
    }
}

#[inline]
fn hash_of(f: &Fingerprint) -> u64 {
    let h = (u64::from(f.len)).wrapping_mul(LO) ^ f.head.wrapping_mul(MUL).rotate_left(23) ^ f.tail;
    h.wrapping_mul(MUL) ^ (h >> 29)
}

/// One table slot: the key's fingerprint beside its index, so a lookup of a short value
/// touches one slot and no key bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Fingerprint,
    /// Index + 1; 0 marks an empty slot.
    entry: u32,
}

/// Distinct byte strings with dense indices in insertion order.
#[derive(Debug, Clone, Default)]
pub struct ByteDict {
    slots: Vec<Slot>,
    spans: Vec<(u32, u32)>,
    arena: Vec<u8>,
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
        let f = fingerprint(value);
        let mask = self.slots.len() - 1;
        let mut i = hash_of(&f) as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.entry == 0 {
                return None;
            }
            if slot.key == f && (value.len() <= 16 || self.key(slot.entry as usize - 1) == value) {
                return Some(slot.entry - 1);
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
        self.place(fingerprint(value), idx);
        idx
    }

    fn place(&mut self, key: Fingerprint, idx: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash_of(&key) as usize & mask;
        while self.slots[i].entry != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            key,
            entry: idx + 1,
        };
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![Slot::default(); size];
        for idx in 0..self.spans.len() {
            let key = fingerprint(self.key(idx));
            self.place(key, idx as u32);
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
        // Long keys with the same first and last eight bytes and length differ in the middle.
        let a = d.insert(b"Meget tilfreds XXXX med sagen");
        let b = d.insert(b"Meget tilfreds YYYY med sagen");
        assert_eq!(d.get(b"Meget tilfreds XXXX med sagen"), Some(a));
        assert_eq!(d.get(b"Meget tilfreds YYYY med sagen"), Some(b));
        assert_eq!(d.get(b"Meget tilfreds ZZZZ med sagen"), None);
        // Short keys that differ only in trailing zero bytes are different keys.
        let z1 = d.insert(b"ab");
        let z2 = d.insert(b"ab\0");
        assert_eq!((d.get(b"ab"), d.get(b"ab\0")), (Some(z1), Some(z2)));
        let e = d.insert(b"");
        assert_eq!(d.get(b""), Some(e));
    }
}
