//! The two macros that keep each numeric field and each element kind written once.

/// Defines `walk_fields` / `walk_fields_mut` on `$Ty`: they yield the listed numeric fields in
/// order, each with its path (built by `at` from the key, on demand) and its definition, read
/// from the [`GroupDefs`](crate::model::field::GroupDefs) the caller holds for this type's keys
/// ([`FIELD_KEYS`](#associatedconstant.FIELD_KEYS)) in its group. The field's type is checked
/// against its handle kind (`Real` = `f64`, `Count` = `u32`, `OptionalReal` = `Option<f64>`,
/// `OptionalCount` = `Option<u32>`).
macro_rules! numeric_fields {
    (@shared $e:expr) => { &$e };
    (@unique $e:expr) => { &mut $e };
    ($Ty:ident { $( $field:ident : $Kind:ident ),* $(,)? }) => {
        impl $Ty {
            /// The keys of the numeric fields, in the order the walk yields them.
            pub(crate) const FIELD_KEYS: &'static [&'static str] = &[$( stringify!($field) ),*];

            numeric_fields!(@walk walk_fields, FieldRef, shared, [$( $field: $Kind ),*]);
            numeric_fields!(@walk walk_fields_mut, FieldMut, unique, [$( $field: $Kind ),*], mut);
        }
    };
    (@walk $walk:ident, $Handle:ident, $borrow:ident, [$( $field:ident : $Kind:ident ),*] $(, $m:tt)?) => {
        /// Yields each numeric field with its path and definition (`walk_fields_mut`: with a
        /// handle to change it), until `f` breaks. `defs` holds the definitions of
        /// [`Self::FIELD_KEYS`].
        pub(crate) fn $walk<'a, F>(
            &'a $($m)? self,
            defs: &$crate::model::field::GroupDefs,
            at: &dyn Fn(&'static str) -> $crate::model::FieldPath,
            f: &mut F,
        ) -> std::ops::ControlFlow<()>
        where
            F: FnMut(
                $crate::model::field::LazyPath<'_>,
                &'static $crate::model::FieldDef,
                $crate::model::$Handle<'a>,
            ) -> std::ops::ControlFlow<()> + ?Sized,
        {
            let handles = [$(
                $crate::model::$Handle::$Kind(numeric_fields!(@$borrow self.$field)),
            )*];
            let all = defs.all();
            for (i, handle) in handles.into_iter().enumerate() {
                let def = $crate::model::field::GroupDefs::nth(all, i);
                f(&|| at(defs.key(i)), def, handle)?;
            }
            std::ops::ControlFlow::Continue(())
        }
    };
}

/// Defines an element kind's own data, `$Body`, and `$Wire`: how it is written in a file, with
/// the fields every element has (`name` first, `tolerance` and `provenance` last) around the
/// kind's own, and `#[serde(deny_unknown_fields)]`. Serde's `flatten` would say this in one
/// struct but cannot be combined with `deny_unknown_fields`, which reports typos with their
/// line:column.
macro_rules! element_body {
    (
        $(#[$meta:meta])*
        $Body:ident / $Wire:ident as $name:literal {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $Body {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        #[doc = concat!("[`", stringify!($Body), "`] as a file writes it.")]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename = $name)]
        pub(crate) struct $Wire {
            name: String,
            $( $(#[$fmeta])* $field: $ty, )*
            #[serde(default)]
            tolerance: Option<$crate::model::Tolerance>,
            #[serde(default)]
            provenance: Option<$crate::model::Provenance>,
        }

        impl $Wire {
            /// The element this file form describes, its own data wrapped by `kind`.
            pub(crate) fn into_element(
                self,
                kind: fn($Body) -> $crate::model::ElementKind,
            ) -> $crate::model::Element {
                $crate::model::Element {
                    name: self.name,
                    kind: kind($Body { $( $field: self.$field, )* }),
                    tolerance: self.tolerance,
                    provenance: self.provenance,
                }
            }

            /// The file form of an element: its shared fields around `body`.
            pub(crate) fn from_parts(
                name: String,
                tolerance: Option<$crate::model::Tolerance>,
                provenance: Option<$crate::model::Provenance>,
                body: $Body,
            ) -> Self {
                Self {
                    name,
                    $( $field: body.$field, )*
                    tolerance,
                    provenance,
                }
            }
        }
    };
}
