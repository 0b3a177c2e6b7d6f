//! The macros that stamp out the model: open string enums, id newtypes and lossless objects.

/// An open string enum: one unit variant per documented value, and a hidden variant that keeps
/// any other string exactly as written. Optional aliases (`| "Alias"`) parse to the same variant
/// and are written back canonically, so they are only for values that never come from a payload
/// (such as subscription keys in configuration), where rewriting them loses nothing.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal $(| $alias:literal)*,
            )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// This is an open enum: a value this version of the crate does not know is kept as
        /// written; read it with [`as_str`](Self::as_str) and build one with `From<&str>`.
        /// Compare unknown values through `as_str()` rather than matching the hidden variant.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $wire, "`")] $variant, )*
            #[doc(hidden)]
            _Unknown($crate::json::PrivateStr),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                // The variant's number, then a load from `KNOWN`: a table lookup rather than a
                // jump table of one arm per variant, which the inlined serializers repeated.
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Index { $( $variant, )* }
                let index = match self {
                    $( Self::$variant => Index::$variant as usize, )*
                    Self::_Unknown(s) => return s.as_str(),
                };
                Self::KNOWN[index]
            }

            /// `false` when the value is not one this version of the crate documents.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::_Unknown(_))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire $(| $alias)* => Self::$variant, )*
                    other => Self::_Unknown($crate::json::PrivateStr::new(other)),
                }
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $( $wire $(| $alias)* => Self::$variant, )*
                    _ => Self::_Unknown($crate::json::PrivateStr::from_string(s)),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $( Self::$variant => f.write_str(stringify!($variant)), )*
                    Self::_Unknown(s) => write!(f, "{}({:?})", stringify!($name), s.as_str()),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::json::field::Field<'de> for $name {
            fn read<D: ::serde::Deserializer<'de>>(
                slot: &mut Option<Self>,
                d: D,
            ) -> Result<(), D::Error> {
                $crate::json::field::read_string(slot, d, |s| match s {
                    ::std::borrow::Cow::Borrowed(s) => Self::from(s),
                    ::std::borrow::Cow::Owned(s) => Self::from(s),
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = $crate::json::object::Key::any(d)?;
                Ok(match key.0 {
                    ::std::borrow::Cow::Borrowed(s) => Self::from(s),
                    ::std::borrow::Cow::Owned(s) => Self::from(s),
                })
            }
        }

        // Validation: every open enum reports its value (see `validation::EnumFields`).
        impl $crate::validation::EnumFields for $name {
            fn visit_enums(&self, v: &mut $crate::validation::EnumVisitor<'_>) {
                v.value(stringify!($name), self.is_known(), self.as_str());
            }
        }
    };
}

/// A string-backed identifier newtype.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Kept as the exact string sent: vendors do not promise a format, so the id stays a
        /// string. When the vendor's id is a UUID, [`as_uuid`](Self::as_uuid) parses it on
        /// demand (with the `uuid` crate) on each call.
        ///
        /// It compares, hashes and orders as its string and implements `Borrow<str>`, so a
        /// `HashMap` or `BTreeMap` keyed by it is looked up with a `&str`; `AsRef<str>`,
        /// `Display`, `From<&str>` and `From<String>` convert both ways.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// Wraps an id string.
            pub fn new(id: impl Into<Box<str>>) -> Self {
                Self(id.into())
            }

            /// The id as sent.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as a UUID, when it is one (hyphenated, simple, braced or URN form).
            pub fn as_uuid(&self) -> Option<::uuid::Uuid> {
                ::uuid::Uuid::try_parse(&self.0).ok()
            }

            /// `true` when the id is empty.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.into())
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(s: String) -> Self {
                Self(s.into_boxed_str())
            }
        }

        // `Borrow` requires the same `Eq`, `Hash` and `Ord` as `str`: the derives above use the
        // one field, a `Box<str>`, whose impls are those of `str`.
        impl ::std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::json::field::Field<'de> for $name {
            fn read<D: ::serde::Deserializer<'de>>(
                slot: &mut Option<Self>,
                d: D,
            ) -> Result<(), D::Error> {
                $crate::json::field::read_string(slot, d, |s| {
                    Self(s.into_owned().into_boxed_str())
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = $crate::json::object::Key::any(d)?;
                Ok(Self(key.0.into_owned().into_boxed_str()))
            }
        }
    };
}

#[doc(hidden)]
macro_rules! __field_ty {
    (req $ty:ty) => { $ty };
    (opt $ty:ty) => { Option<$ty> };
}

#[doc(hidden)]
macro_rules! __required {
    (req) => {
        true
    };
    (opt) => {
        false
    };
}

#[doc(hidden)]
macro_rules! __finish {
    (req $value:expr, $wire:literal) => {
        $crate::json::object::finish_required($value, $wire)?
    };
    (opt $value:expr, $wire:literal) => {
        $value
    };
}

#[doc(hidden)]
macro_rules! __ser {
    (req $map:expr, $wire:literal, $value:expr) => {
        $crate::json::object::entry($map, $wire, $value)?
    };
    (opt $map:expr, $wire:literal, $value:expr) => {
        if let Some(v) = $value {
            $crate::json::object::entry($map, $wire, v)?
        }
    };
}

#[doc(hidden)]
macro_rules! __written {
    (req $value:expr) => {
        true
    };
    (opt $value:expr) => {
        $value.is_some()
    };
}

#[doc(hidden)]
macro_rules! __wire_ctor {
    // Sorts the fields: required ones become `new`'s parameters, optional ones start as `None`.
    (@ $name:ident [$($r:tt)*] [$($o:tt)*] req $f:ident : $ty:ty, $($rest:tt)*) => {
        __wire_ctor!(@ $name [$($r)* $f: $ty,] [$($o)*] $($rest)*);
    };
    (@ $name:ident [$($r:tt)*] [$($o:tt)*] opt $f:ident : $ty:ty, $($rest:tt)*) => {
        __wire_ctor!(@ $name [$($r)*] [$($o)* $f] $($rest)*);
    };
    (@ $name:ident [] [$($opt:ident)*]) => {
        impl ::std::default::Default for $name {
            /// Every field `None`, no extra field.
            fn default() -> Self {
                $name { $( $opt: None, )* extra: $crate::json::Extra::new() }
            }
        }
    };
    (@ $name:ident [$($req:ident : $ty:ty,)+] [$($opt:ident)*]) => {
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` from its required fields, in declaration ",
                "order; every optional field `None`, no extra field.")]
            pub fn new($( $req: impl ::std::convert::Into<$ty>, )+) -> Self {
                $name { $( $req: $req.into(), )+ $( $opt: None, )* extra: $crate::json::Extra::new() }
            }
        }
    };
}

/// A JSON object of the vendor model: public fields (`req` ones must be present, `opt` ones are
/// `Option`s), an [`Extra`](crate::json::Extra) for everything else, a single-pass lossless
/// `Deserialize`, a `Serialize` that writes back what was read, and a constructor: `new` taking
/// the required fields (each as `impl Into<T>`, in declaration order) when there are any, else
/// `Default`.
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $req:ident $field:ident : $ty:ty = $wire:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[doc = concat!("\n\nWire name: `", $wire, "`.")]
                pub $field: __field_ty!($req $ty),
            )*
            /// Fields this version of the model does not know, and optional fields sent as an
            /// explicit `null`, kept as written. An entry named like a modelled field is not
            /// written back, except the `null` of an unset optional field (see
            /// [`Extra`](crate::json::Extra)).
            pub extra: $crate::json::Extra,
        }

        impl $name {
            /// The JSON field names this type models, as written on the wire.
            pub const FIELDS: &'static [&'static str] = &[$($wire),*];
        }

        __wire_ctor!(@ $name [] [] $( $req $field : $ty, )*);

        impl $crate::json::object::WireFields for $name {
            fn serialize_fields<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
                outer: $crate::json::object::Outer<'_>,
            ) -> Result<(), M::Error> {
                $( __ser!($req map, $wire, &self.$field); )*
                self.extra.serialize_into(map, |key| match key {
                    $( $wire => Some(__written!($req self.$field)), )*
                    _ => $crate::json::object::outer(outer, key),
                })
            }
        }

        // Validation: every field is visited under its wire name (see
        // `validation::EnumFields`), so no enum field can be left unchecked.
        impl $crate::validation::EnumFields for $name {
            fn visit_enums(&self, _v: &mut $crate::validation::EnumVisitor<'_>) {
                $( _v.field($wire, &self.$field); )*
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                $crate::json::object::WireFields::serialize_fields(self, &mut map, None)?;
                ::serde::ser::SerializeMap::end(map)
            }
        }

        const _: () = {
            use $crate::json::object::{Key, Marks, Source, ExtraBuilder, WireObject, fill_field};

            /// Each field's number, its bit in [`Marks`].
            #[allow(non_camel_case_types, dead_code)]
            enum Bit { $( $field, )* }
            const _: () = assert!($name::FIELDS.len() <= 64, "Marks has 64 bits");

            #[allow(non_snake_case)]
            #[derive(Default)]
            pub(crate) struct Builder {
                $( $field: Option<$ty>, )*
                __marks: Marks,
                __extra: ExtraBuilder,
            }

            impl<'de> WireObject<'de> for $name {
                const EXPECTING: &'static str = concat!("a ", stringify!($name), " object");
                type Builder = Builder;

                fn knows(key: &str) -> bool {
                    matches!(key, $( $wire )|*)
                }

                fn accept<S: Source<'de>>(b: &mut Builder, key: Key<'de>, src: S) -> Result<(), S::Error> {
                    match key.as_str() {
                        $( $wire => fill_field(
                            &mut b.$field,
                            &mut b.__marks,
                            Bit::$field as u32,
                            $wire,
                            __required!($req),
                            src,
                        ), )*
                        _ => b.__extra.accept(key, src),
                    }
                }

                fn finish_into<E: ::serde::de::Error>(
                    b: &mut Builder,
                    slot: &mut Option<Self>,
                ) -> Result<(), E> {
                    #[allow(unused_mut)]
                    let mut extra = ::std::mem::take(&mut b.__extra).finish::<E>()?;
                    if b.__marks.any_null() {
                        $(
                            if b.__marks.is_null(Bit::$field as u32) {
                                extra.push($wire.into(), $crate::json::RawJson::null());
                            }
                        )*
                    }
                    // Everything that can fail comes first, so that the object is then built
                    // by moves alone, in its place.
                    $( let $field = __finish!($req b.$field.take(), $wire); )*
                    $crate::json::field::put(slot, $name { $( $field, )* extra });
                    Ok(())
                }
            }

            /// Any deserializer: see [`crate::json`]'s notes on deserializing.
            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    $crate::json::text::deserialize(d)
                }
            }

            impl<'de> $crate::json::field::Field<'de> for $name {
                fn read<D: ::serde::Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
                    $crate::json::field::read_object(slot, d)
                }
            }
        };
    };
}

#[doc(hidden)]
macro_rules! __variant {
    // What a tagged enum needs of a variant's payload, `T` or `Box<T>`.
    (inner Box<$t:ty>) => {
        $t
    };
    (inner $t:ty) => {
        $t
    };
    (finish $tagged:ident $map:ident Box<$t:ty>) => {
        $tagged.finish_boxed::<$t, _>($map)?
    };
    (finish $tagged:ident $map:ident $t:ty) => {
        $tagged.finish::<$t, _>($map)?
    };
    (fields $e:ident Box<$t:ty>) => {
        &**$e
    };
    (fields $e:ident $t:ty) => {
        $e
    };
    (from $enum:ident $variant:ident Box<$t:ty>) => {
        impl ::std::convert::From<$t> for $enum {
            fn from(v: $t) -> Self {
                $enum::$variant(::std::boxed::Box::new(v))
            }
        }
        impl ::std::convert::From<::std::boxed::Box<$t>> for $enum {
            fn from(v: ::std::boxed::Box<$t>) -> Self {
                $enum::$variant(v)
            }
        }
    };
    (from $enum:ident $variant:ident $t:ty) => {
        impl ::std::convert::From<$t> for $enum {
            fn from(v: $t) -> Self {
                $enum::$variant(v)
            }
        }
    };
}

/// An object whose shape is chosen by a tag field (`type`, `messageType`): one variant per
/// documented tag, each holding a modelled object, and an unknown variant that keeps any other
/// tag, or none, with all its fields as written.
///
/// Each tag is written once, here. The macro generates the enum; the type of its unknown
/// variant; `KNOWN` (the documented tags, in order); the tag accessor; each variant type's
/// public tag constant; `From` for every payload; a `Serialize` that writes the tag first; the
/// crate's single-pass reader, dispatching on the tag wherever it appears in the object;
/// `Deserialize` for any deserializer; and the validation walk. A payload is `T` or `Box<T>`
/// (for large variants); `T` is a [`WireObject`](crate::json::object::WireObject).
macro_rules! tagged_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            tag: $tag:literal,
            tag_fn: $tag_fn:ident,
            tag_const: $tag_const:ident,
            expecting: $expecting:literal,
            what: $what:literal,
            $(
                $(#[$vmeta:meta])*
                $variant:ident ( $($payload:tt)+ ) = $wire:literal,
            )+
        }

        $(#[$umeta:meta])*
        pub struct $unknown:ident;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("\n\n`", $tag, "`: `", $wire, "`.")] $variant($($payload)+), )+
            #[doc = concat!("Any other `", $tag, "`, or none: kept as written.")]
            Unknown($unknown),
        }

        $( __variant!(from $name $variant $($payload)+); )+

        impl ::std::convert::From<$unknown> for $name {
            fn from(u: $unknown) -> Self {
                $name::Unknown(u)
            }
        }

        $(
            impl __variant!(inner $($payload)+) {
                #[doc = concat!("The `", $tag, "` this object is sent with: `", $wire, "`.")]
                pub const $tag_const: &'static str = $wire;
            }
        )+

        impl $name {
            #[doc = concat!("The documented `", $tag, "` values, one per variant, in declaration order.")]
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The wire field names each variant's object models (its `FIELDS`), by tag, in
            /// declaration order.
            pub const FIELDS_BY_TAG: &'static [(&'static str, &'static [&'static str])] =
                &[$( ($wire, <__variant!(inner $($payload)+)>::FIELDS) ),+];

            #[doc = concat!("The `", $tag, "` as written (`None` when the object had none).")]
            pub fn $tag_fn(&self) -> Option<&str> {
                match self {
                    $( $name::$variant(_) => Some($wire), )+
                    $name::Unknown(u) => u.$tag_fn(),
                }
            }

            #[doc = concat!("`false` for the [`Unknown`](Self::Unknown) variant: a `", $tag,
                "` this version of the crate does not model, or none.")]
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }

            /// The fields of the object that its model does not know, as written (all of them,
            /// but the tag, for the unknown variant).
            #[allow(dead_code)]
            pub(crate) fn unmodelled(&self) -> &$crate::json::Extra {
                match self {
                    $( $name::$variant(v) => &v.extra, )+
                    $name::Unknown(u) => u.fields(),
                }
            }

            /// Builds the variant named by `tagged`'s tag from the buffered fields and the rest
            /// of `map`.
            pub(crate) fn dispatch<'de, A: ::serde::de::MapAccess<'de>>(
                tagged: $crate::json::object::Tagged<'de>,
                map: &mut A,
            ) -> Result<Self, A::Error> {
                Ok(match tagged.tag() {
                    $( Some($wire) => $name::$variant(__variant!(finish tagged map $($payload)+)), )+
                    _ => $name::Unknown($unknown {
                        tag: tagged.tag_owned(),
                        fields: tagged.finish_unknown(map)?,
                    }),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(v) => $crate::json::object::serialize_tagged(
                        s, $tag, $wire, __variant!(fields v $($payload)+),
                    ), )+
                    $name::Unknown(u) => u.serialize(s),
                }
            }
        }

        impl<'de> $crate::json::field::Field<'de> for $name {
            fn read<D: ::serde::Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
                struct V;
                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let tagged = $crate::json::object::Tagged::read(&mut map, $tag)?;
                        $name::dispatch(tagged, &mut map)
                    }
                }
                $crate::json::field::put(slot, d.deserialize_map(V)?);
                Ok(())
            }
        }

        /// Any deserializer: see [`crate::json`]'s notes on deserializing.
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::text::deserialize(d)
            }
        }

        // Validation: each variant's fields are walked; an unknown object's `tag` has its own
        // rule and its fields are not modelled.
        impl $crate::validation::EnumFields for $name {
            fn visit_enums(&self, v: &mut $crate::validation::EnumVisitor<'_>) {
                match self {
                    $( $name::$variant(x) => x.visit_enums(v), )+
                    $name::Unknown(_) => {}
                }
            }
        }

        impl $crate::validation::TaggedEnum for $name {
            const TAG: &'static str = $tag;
            const WHAT: &'static str = $what;
            const KNOWN: &'static [&'static str] = $name::KNOWN;
            fn unknown_tag(&self) -> Option<Option<&str>> {
                match self {
                    $name::Unknown(u) => Some(u.$tag_fn()),
                    _ => None,
                }
            }
        }

        $(#[$umeta])*
        ///
        #[doc = concat!("Build one with [`new`](Self::new) (a `", $tag, "` this crate does not model: a \
            modelled one parses back as its own variant) or [`untyped`](Self::untyped).")]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $unknown {
            tag: Option<String>,
            fields: $crate::json::Extra,
        }

        impl $unknown {
            #[doc = concat!("An object whose `", $tag, "` is `tag`, with the other `fields` (a `", $tag,
                "` entry among them is dropped: the tag is `tag`).")]
            pub fn new(tag: impl Into<String>, mut fields: $crate::json::Extra) -> Self {
                fields.remove($tag);
                $unknown { tag: Some(tag.into()), fields }
            }

            #[doc = concat!("An object without `", $tag, "` (which validation reports), with the other `fields`.")]
            pub fn untyped(mut fields: $crate::json::Extra) -> Self {
                fields.remove($tag);
                $unknown { tag: None, fields }
            }

            #[doc = concat!("The `", $tag, "` as written; `None` when the object had none.")]
            pub fn $tag_fn(&self) -> Option<&str> {
                self.tag.as_deref()
            }

            #[doc = concat!("The other fields, as written (all but `", $tag, "`).")]
            pub fn fields(&self) -> &$crate::json::Extra {
                &self.fields
            }

            /// The whole object as JSON, the tag first.
            pub fn to_json(&self) -> $crate::json::RawJson {
                $crate::json::RawJson::from_serialize(self)
                    .unwrap_or_else(|_| $crate::json::RawJson::null())
            }
        }

        impl ::serde::Serialize for $unknown {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::json::object::serialize_unknown(s, $tag, self.tag.as_deref(), &self.fields)
            }
        }

        #[doc = concat!("Any deserializer; an object whose `", $tag, "` is modelled is an error (see \
            [`crate::json`]'s notes on deserializing).")]
        impl<'de> ::serde::Deserialize<'de> for $unknown {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::text::deserialize_with(d, |json| match $crate::json::text::read(json) {
                    Ok($name::Unknown(u)) => Ok(u),
                    Ok(other) => Err($crate::error::ParseError::wrong_tag(
                        json,
                        $tag,
                        concat!("an object of an unknown `", $tag, "`"),
                        other.$tag_fn(),
                    )),
                    Err(e) => Err($crate::error::ParseError::from_json(json, 0, e)),
                })
            }
        }
    };
}
