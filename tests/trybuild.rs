//! Bad annotations are compile errors, each pointing at the offending token,
//! and every bad annotation of a type is reported in one compile.

#[test]
fn bad_annotations_fail_to_compile_with_spans() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
