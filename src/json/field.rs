//! How a field's value is read into its builder slot: from the map being visited, from a
//! buffered raw value, or from a plain string already checked; and, per field type, by its
//! `Deserialize`, as a modelled object built in place, or through one shared string read.
//!
//! Every value is written straight into its slot (an `Option` that is `None`), so a large
//! object is moved once, from its builder into its place, rather than through each layer of
//! return values; and the code particular to a field type is kept small, since a parse runs
//! the code of every type it meets.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::key::Key;
use super::marker;

/// A modelled JSON object, built field by field.
pub(crate) trait WireObject<'de>: Sized {
    /// What a wrong value is reported as expecting: "a … object".
    const EXPECTING: &'static str;
    type Builder: Default;
    /// `true` when `key` is one of the fields this object models (not counting `extra`).
    fn knows(key: &str) -> bool;
    fn accept<S: Source<'de>>(
        builder: &mut Self::Builder,
        key: Key<'de>,
        src: S,
    ) -> Result<(), S::Error>;
    /// Builds the object from its builder into `slot`, which is `None` (the builder is taken
    /// by reference, and the object is built in its place: both are large, and every move of
    /// them is a copy).
    fn finish_into<E: de::Error>(
        builder: &mut Self::Builder,
        slot: &mut Option<Self>,
    ) -> Result<(), E>;

    /// The object from its builder.
    fn finish<E: de::Error>(builder: &mut Self::Builder) -> Result<Self, E> {
        let mut slot = None;
        Self::finish_into(builder, &mut slot)?;
        slot.ok_or_else(|| E::custom("object not built"))
    }

    /// The object from its builder, boxed (moved once, into the box).
    fn finish_boxed<E: de::Error>(builder: &mut Self::Builder) -> Result<Box<Self>, E> {
        let mut slot = None;
        Self::finish_into(builder, &mut slot)?;
        slot.map(Box::new)
            .ok_or_else(|| E::custom("object not built"))
    }
}

/// Where the value of the current key comes from.
pub(crate) trait Source<'de> {
    type Error: de::Error;
    /// The value, by its `Deserialize`.
    fn value<T: Deserialize<'de>>(self) -> Result<T, Self::Error>;
    /// Reads the value into `slot`, which is `None`; `null` leaves it `None`.
    fn fill<T: Field<'de>>(self, slot: &mut Option<T>) -> Result<(), Self::Error>;
    /// A "duplicate field" error located at this value.
    fn duplicate(self, wire: &str) -> Self::Error;
}

/// The value is next in the map being visited.
pub(crate) struct FromMap<'a, A>(pub(crate) &'a mut A);

impl<'de, A: MapAccess<'de>> Source<'de> for FromMap<'_, A> {
    type Error = A::Error;
    fn value<T: Deserialize<'de>>(self) -> Result<T, A::Error> {
        self.0.next_value()
    }
    fn fill<T: Field<'de>>(self, slot: &mut Option<T>) -> Result<(), A::Error> {
        self.0.next_value_seed(OptionSlot(slot))
    }
    fn duplicate(self, wire: &str) -> A::Error {
        marker::duplicate_here(wire)
    }
}

/// The value was buffered as a borrowed slice of the input; errors are relocated to it.
pub(crate) struct FromRaw<'de, E>(pub(crate) &'de RawValue, pub(crate) PhantomData<E>);

impl<'de, E> FromRaw<'de, E> {
    pub(crate) fn new(raw: &'de RawValue) -> Self {
        FromRaw(raw, PhantomData)
    }
}

impl<'de, E: de::Error> Source<'de> for FromRaw<'de, E> {
    type Error = E;
    fn value<T: Deserialize<'de>>(self) -> Result<T, E> {
        serde_json::from_str(self.0.get()).map_err(|e| marker::relocate(self.0.get(), e))
    }
    fn fill<T: Field<'de>>(self, slot: &mut Option<T>) -> Result<(), E> {
        // What `serde_json::from_str` does, with the value written into `slot`.
        let mut de = serde_json::Deserializer::from_str(self.0.get());
        OptionSlot(slot)
            .deserialize(&mut de)
            .and_then(|()| de.end())
            .map_err(|e| marker::relocate(self.0.get(), e))
    }
    fn duplicate(self, wire: &str) -> E {
        marker::at_address(self.0.get(), marker::duplicate_message(wire))
    }
}

/// The value is a JSON string written without escapes, already checked by serde_json as part
/// of a borrowed [`RawValue`]: its content is handed to the field as a borrowed `&str`, with no
/// second JSON parse. A field type that does not take a string gets the errors of
/// [`FromRaw`] for the same value.
pub(crate) struct FromPlainStr<'de, E> {
    raw: &'de RawValue,
    content: &'de str,
    error: PhantomData<E>,
}

impl<'de, E> FromPlainStr<'de, E> {
    /// `Some` when `raw` is a string without escapes.
    pub(crate) fn new(raw: &'de RawValue) -> Option<Self> {
        let content = raw.get().strip_prefix('"')?.strip_suffix('"')?;
        (!content.contains('\\')).then_some(FromPlainStr {
            raw,
            content,
            error: PhantomData,
        })
    }
}

impl<'de, E: de::Error> Source<'de> for FromPlainStr<'de, E> {
    type Error = E;
    fn value<T: Deserialize<'de>>(self) -> Result<T, E> {
        match T::deserialize(PlainStr::<E>(self.content, PhantomData)) {
            Ok(v) => Ok(v),
            // A type that does not take a string: the error serde_json gives, located.
            Err(_) => FromRaw::<E>::new(self.raw).value(),
        }
    }
    fn fill<T: Field<'de>>(self, slot: &mut Option<T>) -> Result<(), E> {
        match T::read(&mut *slot, PlainStr::<E>(self.content, PhantomData)) {
            Ok(()) => Ok(()),
            // `slot` is still `None`: the error serde_json gives, located.
            Err(_) => FromRaw::<E>::new(self.raw).fill(slot),
        }
    }
    fn duplicate(self, wire: &str) -> E {
        FromRaw::<E>::new(self.raw).duplicate(wire)
    }
}

/// The content of a string written without escapes, as a deserializer.
struct PlainStr<'de, E>(&'de str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for PlainStr<'de, E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_borrowed_str(self.0)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A field type: how one value (not `null`) is read into a slot that is `None`.
pub(crate) trait Field<'de>: Sized {
    /// Reads the value `deserializer` holds into `slot`; on success `slot` is `Some`.
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, deserializer: D)
    -> Result<(), D::Error>;
}

/// Writes `value` into `slot`, which is `None`: forgetting the old value keeps the drop glue
/// of `T` out of the (hot) callers.
pub(crate) fn put<T>(slot: &mut Option<T>, value: T) {
    std::mem::forget(slot.replace(value));
}

/// An optional value read into its slot: `null` leaves the slot `None`.
struct OptionSlot<'a, T>(&'a mut Option<T>);

impl<'de, T: Field<'de>> DeserializeSeed<'de> for OptionSlot<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: Field<'de>> Visitor<'de> for OptionSlot<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::read(self.0, deserializer)
    }
}

/// Reads a modelled object, built from its map straight into its slot.
pub(crate) fn read_object<'de, T: WireObject<'de>, D: Deserializer<'de>>(
    slot: &mut Option<T>,
    deserializer: D,
) -> Result<(), D::Error> {
    deserializer.deserialize_map(ObjectInto(slot))
}

/// Builds a modelled object from the map being visited, into a slot that is `None`.
struct ObjectInto<'a, T>(&'a mut Option<T>);

impl<'de, T: WireObject<'de>> Visitor<'de> for ObjectInto<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut builder = T::Builder::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            T::accept(&mut builder, key, FromMap(&mut map))?;
        }
        T::finish_into(&mut builder, self.0)
    }
}

/// Reads a string-valued field (open enums, ids, `String`): the string is read as a [`Key`] by
/// code shared by every such type, and only `from` is particular to the type.
pub(crate) fn read_string<'de, T, D: Deserializer<'de>>(
    slot: &mut Option<T>,
    deserializer: D,
    from: impl FnOnce(Cow<'de, str>) -> T,
) -> Result<(), D::Error> {
    let key = read_key(deserializer)?;
    put(slot, from(key.0));
    Ok(())
}

/// One copy per kind of input, whatever the field type.
#[inline(never)]
fn read_key<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
    Key::deserialize(deserializer)
}

impl<'de> Field<'de> for String {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        read_string(slot, d, Cow::into_owned)
    }
}

/// A model type read by its single-pass [`Field`] reader where serde wants a `Deserialize`
/// (the model's own `Deserialize` first obtains the value's JSON text, for any deserializer:
/// see [`text`](super::text); code of the crate never calls it).
pub(crate) struct Internal<T>(pub(crate) T);

impl<'de, T: Field<'de>> Deserialize<'de> for Internal<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut slot = None;
        T::read(&mut slot, d)?;
        slot.map(Internal)
            .ok_or_else(|| de::Error::custom("value not built"))
    }
}

/// Field types read by their `Deserialize` (which takes any deserializer). Each module invokes
/// it next to its own types, so that `json` names no vendor type.
macro_rules! plain_fields {
    ($($ty:ty),* $(,)?) => {
        $(
            impl<'de> $crate::json::field::Field<'de> for $ty {
                fn read<D: ::serde::Deserializer<'de>>(
                    slot: &mut Option<Self>,
                    d: D,
                ) -> Result<(), D::Error> {
                    let value = <$ty as ::serde::Deserialize<'de>>::deserialize(d)?;
                    $crate::json::field::put(slot, value);
                    Ok(())
                }
            }
        )*
    };
}
pub(crate) use plain_fields;

plain_fields!(bool, i64);

impl<'de, T: Field<'de>> Field<'de> for Box<T> {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        let mut inner = None;
        T::read(&mut inner, d)?;
        *slot = inner.map(Box::new);
        Ok(())
    }
}

/// An array, each element read by its field type (a modelled object is built in place and
/// moved once, into the vector).
impl<'de, T: Field<'de>> Field<'de> for Vec<T> {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(VecInto(slot))
    }
}

struct VecInto<'a, T>(&'a mut Option<Vec<T>>);

impl<'de, T: Field<'de>> Visitor<'de> for VecInto<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde's own message for a `Vec`, so errors stay as they were.
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        put(self.0, read_elements(seq)?);
        Ok(())
    }
}

/// The elements of the array being visited, each read by its field type.
pub(crate) fn read_elements<'de, T: Field<'de>, A: SeqAccess<'de>>(
    mut seq: A,
) -> Result<Vec<T>, A::Error> {
    let mut items = Vec::new();
    let mut item = None;
    while next_element_into(&mut seq, &mut item)? {
        items.extend(item.take());
    }
    Ok(items)
}

/// Reads the next element of the array being visited into `slot`, which is `None`; `false`
/// at the end of the array.
pub(crate) fn next_element_into<'de, T: Field<'de>, A: SeqAccess<'de>>(
    seq: &mut A,
    slot: &mut Option<T>,
) -> Result<bool, A::Error> {
    Ok(seq.next_element_seed(Element(slot))?.is_some())
}

/// One element of an array, read by its field type into a slot that is `None`.
struct Element<'a, T>(&'a mut Option<T>);

impl<'de, T: Field<'de>> DeserializeSeed<'de> for Element<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::read(self.0, deserializer)
    }
}
