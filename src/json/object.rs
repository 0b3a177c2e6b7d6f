//! The one mechanism behind every modelled JSON object: a single-pass builder that fills known
//! fields, keeps unknown ones in [`Extra`], rejects duplicates, and can be fed either straight
//! from serde's `MapAccess` or from values that were buffered as borrowed [`RawValue`]s while a
//! tag (`type`, `contentType`) was not known yet.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess};
use serde_json::value::RawValue;

pub(crate) use super::field::{
    Field, FromMap, FromPlainStr, FromRaw, Internal, Source, WireObject,
};
pub(crate) use super::key::{Key, first_duplicate};
use super::marker;
use super::raw::{Extra, RawJson};

/// The state of one known field while a hand-written builder reads its object (the
/// [`wire_struct!`] builders keep an `Option` per field and their state in [`Marks`]).
#[derive(Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Null,
    Set(T),
}

impl<T> Slot<T> {
    /// Reads an optional field: an explicit `null` is remembered so it can be written back.
    pub(crate) fn fill_optional<'de, S: Source<'de>>(
        &mut self,
        wire: &'static str,
        src: S,
    ) -> Result<(), S::Error>
    where
        T: Field<'de>,
    {
        if !matches!(self, Slot::Absent) {
            return Err(src.duplicate(wire));
        }
        let mut value = None;
        src.fill(&mut value)?;
        *self = match value {
            Some(v) => Slot::Set(v),
            None => Slot::Null,
        };
        Ok(())
    }

    pub(crate) fn finish_optional(self, wire: &'static str, extra: &mut Extra) -> Option<T> {
        match self {
            Slot::Set(v) => Some(v),
            Slot::Null => {
                extra.push(wire.into(), RawJson::null());
                None
            }
            Slot::Absent => None,
        }
    }
}

/// Which known fields of a [`wire_struct!`] object have been read, one bit per field in
/// declaration order: `seen` once a field was read, `null` when it was an explicit `null`.
/// The builder keeps each field as a plain `Option`, so finishing the object is a move per
/// field with no per-field state to decode.
#[derive(Default)]
pub(crate) struct Marks {
    seen: u64,
    null: u64,
}

impl Marks {
    /// `true` when field `bit` was written as an explicit `null`.
    pub(crate) fn is_null(&self, bit: u32) -> bool {
        self.null & (1 << bit) != 0
    }

    /// `true` when some field was written as an explicit `null`.
    pub(crate) fn any_null(&self) -> bool {
        self.null != 0
    }
}

/// Reads the known field number `bit` of a [`wire_struct!`] object into `field`: a second
/// occurrence is a duplicate, `null` is a type error for a required field and remembered for
/// an optional one (it is written back from `extra`).
pub(crate) fn fill_field<'de, T: Field<'de>, S: Source<'de>>(
    field: &mut Option<T>,
    marks: &mut Marks,
    bit: u32,
    wire: &'static str,
    required: bool,
    src: S,
) -> Result<(), S::Error> {
    let mask = 1u64 << bit;
    if marks.seen & mask != 0 {
        return Err(src.duplicate(wire));
    }
    // `field` is still `None` (its bit was not set).
    src.fill(field)?;
    if field.is_none() {
        if required {
            return Err(marker::field(wire, "invalid type: null, expected a value"));
        }
        marks.null |= mask;
    }
    marks.seen |= mask;
    Ok(())
}

/// A required field of a [`wire_struct!`] object at the end of the object.
pub(crate) fn finish_required<T, E: de::Error>(
    field: Option<T>,
    wire: &'static str,
) -> Result<T, E> {
    match field {
        Some(v) => Ok(v),
        None => Err(marker::missing(wire)),
    }
}

/// Collects unknown fields.
#[derive(Default)]
pub(crate) struct ExtraBuilder(pub(crate) Extra);

impl ExtraBuilder {
    pub(crate) fn accept<'de, S: Source<'de>>(
        &mut self,
        key: Key<'de>,
        src: S,
    ) -> Result<(), S::Error> {
        let value = src.value::<Internal<RawJson>>()?.0;
        self.0.push(key.0.into_owned().into_boxed_str(), value);
        Ok(())
    }

    /// The unknown fields, checked for a key written twice.
    #[inline]
    pub(crate) fn finish<E: de::Error>(self) -> Result<Extra, E> {
        // Most objects have no unknown field, or one: nothing to compare, and no call.
        if self.0.len() >= 2 {
            self.0.check_unique()?;
        }
        Ok(self.0)
    }
}

/// Unknown fields as a field type: an object, each entry kept, a key written twice refused.
impl<'de> Field<'de> for Extra {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Extra;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut extra = ExtraBuilder::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    extra.accept(key, FromMap(&mut map))?;
                }
                extra.finish()
            }
        }
        super::field::put(slot, d.deserialize_map(V)?);
        Ok(())
    }
}

/// An object whose shape depends on a tag field, read up to the tag.
pub(crate) struct Tagged<'de> {
    /// The tag's value; `None` when the object has no such field.
    pub(crate) tag: Option<Key<'de>>,
    /// Fields written before the tag, not yet interpreted.
    pending: Vec<(Key<'de>, &'de RawValue)>,
    tag_name: &'static str,
}

impl<'de> Tagged<'de> {
    /// Reads `map` until the field `tag_name`; earlier fields are buffered (borrowed, no copy).
    pub(crate) fn read<A: MapAccess<'de>>(
        map: &mut A,
        tag_name: &'static str,
    ) -> Result<Self, A::Error> {
        let mut pending = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.as_str() == tag_name {
                let tag = map.next_value::<Key<'de>>()?;
                return Ok(Tagged {
                    tag: Some(tag),
                    pending,
                    tag_name,
                });
            }
            pending.push((key, map.next_value::<&'de RawValue>()?));
        }
        Ok(Tagged {
            tag: None,
            pending,
            tag_name,
        })
    }

    /// Fields already read as borrowed values, split at the tag (for documents whose shape is
    /// only known once the whole object has been read).
    pub(crate) fn from_pairs<E: de::Error>(
        pairs: Vec<(Key<'de>, &'de RawValue)>,
        tag_name: &'static str,
    ) -> Result<Self, E> {
        let mut tag = None;
        let mut pending = Vec::with_capacity(pairs.len());
        for (key, raw) in pairs {
            if key.as_str() == tag_name && tag.is_none() {
                tag = Some(FromRaw::<E>::new(raw).value::<Key<'de>>()?);
            } else {
                pending.push((key, raw));
            }
        }
        Ok(Tagged {
            tag,
            pending,
            tag_name,
        })
    }

    /// The tag, or `None` when absent.
    pub(crate) fn tag(&self) -> Option<&str> {
        self.tag.as_ref().map(Key::as_str)
    }

    /// The tag as an owned string (for unknown tags).
    pub(crate) fn tag_owned(&self) -> Option<String> {
        self.tag().map(str::to_owned)
    }

    /// Builds the variant type `T` from the buffered fields and the rest of `map`.
    pub(crate) fn finish<T: WireObject<'de>, A: MapAccess<'de>>(
        self,
        map: &mut A,
    ) -> Result<T, A::Error> {
        T::finish(&mut self.fill::<T, A>(map)?)
    }

    /// [`finish`](Self::finish) for a variant that is boxed.
    pub(crate) fn finish_boxed<T: WireObject<'de>, A: MapAccess<'de>>(
        self,
        map: &mut A,
    ) -> Result<Box<T>, A::Error> {
        T::finish_boxed(&mut self.fill::<T, A>(map)?)
    }

    /// The builder of `T`, fed the buffered fields and the rest of `map`.
    fn fill<T: WireObject<'de>, A: MapAccess<'de>>(
        self,
        map: &mut A,
    ) -> Result<T::Builder, A::Error> {
        let mut builder = T::Builder::default();
        for (key, raw) in self.pending {
            T::accept(&mut builder, key, FromRaw::<A::Error>::new(raw))?;
        }
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.as_str() == self.tag_name {
                return Err(marker::duplicate_here(self.tag_name));
            }
            T::accept(&mut builder, key, FromMap(&mut *map))?;
        }
        Ok(builder)
    }

    /// Keeps every other field as written (for unknown tags).
    pub(crate) fn finish_unknown<A: MapAccess<'de>>(self, map: &mut A) -> Result<Extra, A::Error> {
        let mut extra = ExtraBuilder::default();
        for (key, raw) in self.pending {
            extra.0.push(
                key.0.into_owned().into_boxed_str(),
                RawJson::from_borrowed(raw)?,
            );
        }
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.as_str() == self.tag_name {
                return Err(marker::duplicate_here(self.tag_name));
            }
            extra.accept(key, FromMap(&mut *map))?;
        }
        extra.finish()
    }
}

/// Writes a modelled object's fields into a map being serialized (used by tagged enums, which
/// write their tag first).
pub(crate) trait WireFields {
    /// Writes the fields, then the extra fields; `outer` is a field the caller writes itself.
    fn serialize_fields<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
        outer: Outer<'_>,
    ) -> Result<(), M::Error>;
}

/// A field that the caller of [`WireFields::serialize_fields`] writes itself, and whether it
/// writes it: a tag always is; a Bayeux message's `data` when there is one. An entry of `extra`
/// of that name is treated as a modelled field's (see [`Extra::serialize_into`]).
pub(crate) type Outer<'a> = Option<(&'a str, bool)>;

/// [`Extra::serialize_into`]'s answer for a key that is not one of the object's own fields.
pub(crate) fn outer(outer: Outer<'_>, key: &str) -> Option<bool> {
    outer
        .filter(|(name, _)| *name == key)
        .map(|(_, written)| written)
}

/// A map with nothing left in it: finishes a [`Tagged`] built by [`Tagged::from_pairs`].
pub(crate) fn no_more_fields<'de, E: de::Error>()
-> serde::de::value::MapDeserializer<'de, std::iter::Empty<(&'de str, &'de str)>, E> {
    serde::de::value::MapDeserializer::new(std::iter::empty())
}

/// Writes one field of a modelled object: its key, then its value.
///
/// `SerializeMap::serialize_entry` does the same, but as a function of its own for every value
/// type; spelled out here, the key and the value are written in the caller's body.
#[inline(always)]
pub(crate) fn entry<M: serde::ser::SerializeMap, V: serde::Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: &V,
) -> Result<(), M::Error> {
    map.serialize_key(key)?;
    map.serialize_value(value)
}

/// Serializes a tagged variant: the tag first, then the variant's fields.
pub(crate) fn serialize_tagged<S: serde::Serializer, T: WireFields>(
    serializer: S,
    tag_name: &str,
    tag: &str,
    fields: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry(tag_name, tag)?;
    fields.serialize_fields(&mut map, Some((tag_name, true)))?;
    map.end()
}

/// Serializes an object with an unknown (or missing) tag.
pub(crate) fn serialize_unknown<S: serde::Serializer>(
    serializer: S,
    tag_name: &str,
    tag: Option<&str>,
    fields: &Extra,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(None)?;
    if let Some(tag) = tag {
        map.serialize_entry(tag_name, tag)?;
    }
    fields.serialize_into(&mut map, |key| outer(Some((tag_name, tag.is_some())), key))?;
    map.end()
}
