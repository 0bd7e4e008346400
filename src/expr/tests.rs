use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;

/// Answers in a map, plus whatever a test sets of the rest of the context.
#[derive(Default)]
struct Answers {
    values: BTreeMap<String, String>,
    current: String,
    labels: BTreeMap<(String, String), String>,
    columns: BTreeMap<String, String>,
    repeats: BTreeMap<String, Vec<String>>,
    position: usize,
}

impl Answers {
    fn with(pairs: &[(&str, &str)]) -> Answers {
        Answers { values: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), ..Answers::default() }
    }
}

impl Context for Answers {
    fn value(&self, name: &str) -> Value {
        Value::String(self.values.get(name).cloned().unwrap_or_default())
    }
    fn current(&self) -> Value {
        Value::String(self.current.clone())
    }
    fn choice_label(&self, question: &str, choice: &str) -> Option<String> {
        self.labels.get(&(question.to_string(), choice.to_string())).cloned()
    }
    fn choice_column(&self, column: &str) -> Value {
        Value::String(self.columns.get(column).cloned().unwrap_or_default())
    }
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 3, 15, 9, 30, 5).unwrap()
    }
    fn position(&self) -> usize {
        self.position
    }
    fn repeat_values(&self, name: &str) -> Option<Vec<String>> {
        self.repeats.get(name).cloned()
    }
}

fn eval_in(src: &str, ctx: &Answers) -> Value {
    parse(src).unwrap_or_else(|e| panic!("{src}: {e}")).eval(ctx)
}

fn eval(src: &str) -> Value {
    eval_in(src, &Answers::default())
}

fn string(src: &str) -> String {
    eval(src).to_string()
}

fn number(src: &str) -> f64 {
    eval(src).to_number()
}

fn truth(src: &str) -> bool {
    eval(src).to_bool()
}

/// How the parser read `src`, fully parenthesised.
fn read(src: &str) -> String {
    parse(src).unwrap_or_else(|e| panic!("{src}: {e}")).to_string()
}

fn error(src: &str) -> ParseError {
    match parse(src) {
        Ok(expr) => panic!("{src} parsed as {expr}"),
        Err(e) => e,
    }
}

// ---- parsing ----

#[test]
fn precedence_follows_xpath() {
    assert_eq!(read("1 + 2 * 3 = 7"), "((1 + (2 * 3)) = 7)");
    assert!(truth("1 + 2 * 3 = 7"));
    assert_eq!(read("not(${a} = 'x') and ${b} > 3 or ${c}"), "((not((${a} = 'x')) and (${b} > 3)) or ${c})");
    assert_eq!(read("1 < 2 = 2 > 1"), "((1 < 2) = (2 > 1))");
    assert_eq!(read("1 or 1 and 1"), "(1 or (1 and 1))");
    assert_eq!(read("10 - 4 - 3"), "((10 - 4) - 3)");
    assert_eq!(number("10 - 4 - 3"), 3.0);
    assert_eq!(read("8 div 4 div 2"), "((8 div 4) div 2)");
    assert_eq!(read("(1 + 2) * 3"), "((1 + 2) * 3)");
    assert_eq!(number("(1 + 2) * 3"), 9.0);
}

#[test]
fn unary_minus_binds_tighter_than_multiplication() {
    assert_eq!(read("-2 * 3"), "(-2 * 3)");
    assert_eq!(read("2 * -3"), "(2 * -3)");
    assert_eq!(read("- -1"), "--1");
    assert_eq!(read("1--1"), "(1 - -1)");
    assert_eq!(number("1--1"), 2.0);
    assert_eq!(number("-(1 + 2)"), -3.0);
    assert!(number("-${a}").is_nan());
}

#[test]
fn div_and_mod_are_operators_only_between_operands() {
    let ctx = Answers::with(&[("div", "9"), ("mod", "4")]);
    assert_eq!(read("${div} div ${mod}"), "(${div} div ${mod})");
    assert_eq!(eval_in("${div} div ${mod}", &ctx), Value::Number(2.25));
    assert_eq!(eval_in("${div} mod ${mod}", &ctx), Value::Number(1.0));
    assert_eq!(read("6 div 2 mod 2"), "((6 div 2) mod 2)");
    assert_eq!(read("3 div-1"), "(3 div -1)");
    assert_eq!(read("${and} and ${or} or ${not}"), "((${and} and ${or}) or ${not})");
    assert_eq!(error("div 2").position, 0);
    assert_eq!(error("1 2").message, "expected an operator or the end, found the number 2");
}

#[test]
fn literals_and_references() {
    assert_eq!(string("\"it's\""), "it's");
    assert_eq!(string("'say \"hi\"'"), "say \"hi\"");
    assert_eq!(number(".5"), 0.5);
    assert_eq!(number("7."), 7.0);
    assert_eq!(number("007"), 7.0);
    assert_eq!(read("${ name }"), "${name}");
    assert_eq!(read("${a.b-c_d}"), "${a.b-c_d}");
    assert_eq!(read("${prénom}"), "${prénom}");
    let ctx = Answers { current: "x".into(), ..Answers::default() };
    assert_eq!(eval_in(".", &ctx), Value::from("x"));
    assert_eq!(read("position(..)"), "position(..)");
}

#[test]
fn references_are_listed_once_in_order() {
    let expr = parse("${b} + ${a} * sum(${b}) + indexed-repeat(${x}, ${rep}, 1) + .").unwrap();
    assert_eq!(expr.references(), ["b", "a", "x", "rep"]);
    assert!(parse("1 + .").unwrap().references().is_empty());
    // A question named inside a string is not read.
    let choice = parse("jr:choice-name(${q}, '${q}')").unwrap();
    assert_eq!(choice.references(), ["q"]);
}

#[test]
fn display_reparses_to_the_same_expression() {
    for src in [
        "1 + 2 * 3 = 7",
        "not(${a} = 'x') and ${b} > 3 or ${c}",
        "concat(\"it's\", ' ', 'ok', ${a})",
        "regex(., '^[a-z]+$')",
        "-(-1 div 0) mod 3",
        "if(position(..) = 1, today(), now())",
        "0.1 + 0.2",
    ] {
        let expr = parse(src).unwrap();
        assert_eq!(parse(&expr.to_string()).unwrap(), expr, "{src}");
    }
    assert_eq!("${a} = 1".parse::<Expr>().unwrap(), parse("${a}=1").unwrap());
}

#[test]
fn parse_errors_say_where() {
    let e = error("${a} + ");
    assert_eq!(e.position, 7);
    assert_eq!(e.message, "expected an expression, found the end");

    let e = error("foo(1)");
    assert_eq!(e.position, 0);
    assert_eq!(e.message, "unknown function 'foo'");
    assert_eq!(e.to_string(), "at character 0: unknown function 'foo'");

    let e = error("'abc");
    assert_eq!(e.position, 0);
    assert!(e.message.starts_with("unterminated string"), "{e}");

    let e = error("${}");
    assert_eq!(e.position, 0);
    assert_eq!(e.message, "empty name in '${}'");

    let e = error("(1 + 2 * (3 - 4)");
    assert_eq!((e.position, e.message.as_str()), (16, "expected ')'"));
    assert_eq!(e.to_string(), "at character 16: expected ')'");

    // Positions count characters, not bytes.
    assert_eq!(error("'éé' + foo()").position, 7);
    assert_eq!(error("").position, 0);
    assert_eq!(error("   ").position, 3);
    assert_eq!(error("1 + ${a").position, 4);
    assert_eq!(error("${a b}").position, 0);
    assert_eq!(error("$a").position, 0);
    assert_eq!(error("1 ! 2").position, 2);
    assert_eq!(error("1 # 2").message, "unexpected character '#'");
    assert!(error("/data/a = 1").message.contains("${name}"));
    assert!(error("yes").message.contains("${yes}"));
    assert_eq!(error("1 + ..").position, 4);
    assert_eq!(error("not(1, 2").position, 8);
    assert_eq!(error("concat(1 2)").message, "expected ',' or ')'");
    assert_eq!(error("NOT(1)").message, "unknown function 'NOT'");
}

#[test]
fn wrong_arity_is_a_parse_error() {
    assert_eq!(error("not()").message, "not() takes 1 argument, not 0");
    assert_eq!(error("not(1, 2)").message, "not() takes 1 argument, not 2");
    assert_eq!(error("today(1)").message, "today() takes 0 arguments, not 1");
    assert_eq!(error("round(1, 2, 3)").message, "round() takes 1 or 2 arguments, not 3");
    assert_eq!(error("substr('a')").message, "substr() takes 2 or 3 arguments, not 1");
    assert_eq!(error("if(1, 2)").message, "if() takes 3 arguments, not 2");
    assert!(error("indexed-repeat(${a}, ${r}, 1, ${s}, 2)").message.contains("nested repeats"));
    assert_eq!(error("1 + coalesce(1)").position, 4);
    assert_eq!(error("position()").position, 9);
    assert_eq!(error("position(.)").position, 9);
    assert!(parse("concat()").is_ok());
    assert!(parse("concat(1, 2, 3, 4, 5)").is_ok());
}

#[test]
fn node_set_functions_take_a_reference() {
    assert_eq!(error("sum(1)").message, "sum() takes a ${name} here");
    assert_eq!(error("count('a')").position, 6);
    assert_eq!(error("indexed-repeat(${x}, 'r', 1)").position, 21);
    assert!(parse("indexed-repeat(${x}, ${r}, ${i} + 1)").is_ok());
}

#[test]
fn an_invalid_literal_regex_is_a_parse_error() {
    let e = error("regex(., '[a-')");
    assert_eq!(e.position, 9);
    assert!(e.message.starts_with("invalid regular expression"), "{e}");
    assert!(!e.message.contains('\n'));
    assert!(parse("regex(., concat('[', 'a'))").is_ok());
}

/// Regression (fuzz/expr_parse): a literal beyond f64 read as infinity and printed as
/// "Infinity", which `parse` refused and `parse_choice_filter` read as a column.
#[test]
fn a_number_too_large_for_a_double_is_a_parse_error() {
    let huge = "9".repeat(400);
    let e = error(&format!("1 + {huge}"));
    assert_eq!(e.position, 4);
    assert_eq!(e.message, "number too large");
    assert!(parse_choice_filter(&huge).is_err());
    assert!(parse(&format!("0.{huge}")).is_ok());

    // The largest literals still print as text that reads back the same.
    let largest = "9".repeat(308);
    for src in [largest.clone(), format!("{largest}.9"), format!("-{largest}")] {
        let expr = parse(&src).unwrap();
        assert_eq!(parse(&expr.to_string()).unwrap(), expr, "{src}");
    }
}

#[test]
fn deep_nesting_is_refused_cleanly() {
    let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(error(&parens).message.contains("nested too deeply"));
    assert!(error(&format!("{}1", "-".repeat(100_000))).message.contains("nested too deeply"));
    let chain = format!("1{}", " + 1".repeat(100_000));
    assert!(error(&chain).message.contains("nested too deeply"));
    let calls = format!("{}1{}", "not(".repeat(10_000), ")".repeat(10_000));
    assert!(error(&calls).message.contains("nested too deeply"));

    // Up to the limit, it parses and evaluates.
    let ok = format!("{}1{}", "(".repeat(MAX_DEPTH - 1), ")".repeat(MAX_DEPTH - 1));
    assert_eq!(number(&ok), 1.0);
    let chain = format!("0{}", " + 1".repeat(MAX_DEPTH - 1));
    assert_eq!(number(&chain), (MAX_DEPTH - 1) as f64);
    let calls = format!("{}1{}", "not(".repeat(MAX_DEPTH - 2), ")".repeat(MAX_DEPTH - 2));
    assert!(truth(&calls));
}

// ---- values and XPath 1.0 edge cases ----

#[test]
fn number_conversion() {
    assert!(number("number('')").is_nan());
    assert!(number("number('abc')").is_nan());
    assert!(number("number('1e3')").is_nan());
    assert!(number("number('+1')").is_nan());
    assert!(number("number('-')").is_nan());
    assert!(number("number('.')").is_nan());
    assert!(number("number('1.2.3')").is_nan());
    assert!(number("number('Infinity')").is_nan());
    assert!(number("number('NaN')").is_nan());
    assert_eq!(number("number('  12.5\n')"), 12.5);
    assert_eq!(number("number('-.5')"), -0.5);
    assert_eq!(number("number(true())"), 1.0);
    assert_eq!(number("number(false())"), 0.0);
    assert!(Value::NodeSet(vec![]).to_number().is_nan());
    assert_eq!(Value::NodeSet(vec!["4".into(), "5".into()]).to_number(), 4.0);
}

#[test]
fn string_conversion() {
    assert_eq!(string("1.0"), "1");
    assert_eq!(string("1 div 0"), "Infinity");
    assert_eq!(string("-1 div 0"), "-Infinity");
    assert_eq!(string("0 div 0"), "NaN");
    assert_eq!(string("-0"), "0");
    assert_eq!(string("0.1 + 0.2"), "0.30000000000000004");
    assert_eq!(string("1000000 * 1000000 * 1000000 * 1000"), "1000000000000000000000");
    assert_eq!(string("0.0000001"), "0.0000001");
    assert_eq!(string("-2.5"), "-2.5");
    assert_eq!(string("true()"), "true");
    assert_eq!(string("1 = 1"), "true");
    assert_eq!(Value::NodeSet(vec![]).to_string(), "");
    assert_eq!(Value::NodeSet(vec!["a".into(), "b".into()]).to_string(), "a");
}

#[test]
fn boolean_conversion() {
    assert!(!truth("boolean('')"));
    assert!(truth("boolean('false')"));
    assert!(truth("boolean(' ')"));
    assert!(!truth("boolean(0)"));
    assert!(!truth("boolean(-0)"));
    assert!(!truth("boolean(0 div 0)"));
    assert!(truth("boolean(0.001)"));
    assert!(truth("boolean(1 div 0)"));
    assert!(!Value::NodeSet(vec![]).to_bool());
    assert!(Value::NodeSet(vec![String::new()]).to_bool());
}

#[test]
fn xpath_comparisons() {
    assert!(!truth("'' = 0"));
    assert!(truth("'' != 0"));
    assert!(!truth("'abc' < 1"));
    assert!(!truth("'abc' >= 1"));
    assert!(truth("true() = 'false'"));
    assert!(truth("false() = ''"));
    assert!(truth("1 = '1.0'"));
    assert!(!truth("'1' = '1.0'"));
    assert!(truth("'10' > '9'"));
    assert!(truth("2 = true()"));
    assert!(truth("0 = false()"));
    assert!(!truth("0 div 0 = 0 div 0"));
    assert!(truth("0 div 0 != 0 div 0"));
    assert!(truth("'a' = 'a' = true()"));
    assert!(truth("1 div 0 > 1000000"));
}

#[test]
fn node_set_comparisons_are_existential() {
    let set = |values: &[&str]| Value::NodeSet(values.iter().map(|v| v.to_string()).collect());
    let cmp = |op: &str, left: Value, right: Value| {
        struct Two(Value, Value);
        impl Context for Two {
            fn value(&self, name: &str) -> Value {
                if name == "l" {
                    self.0.clone()
                } else {
                    self.1.clone()
                }
            }
        }
        parse(&format!("${{l}} {op} ${{r}}")).unwrap().eval_bool(&Two(left, right))
    };
    assert!(cmp("=", set(&["1", "2"]), Value::from(2.0)));
    assert!(cmp("!=", set(&["1", "2"]), Value::from(2.0)));
    assert!(!cmp("=", set(&["1", "2"]), Value::from(3.0)));
    assert!(cmp("=", set(&["a", "b"]), set(&["c", "b"])));
    assert!(!cmp("=", set(&["a"]), set(&["c", "b"])));
    assert!(!cmp("=", set(&[]), set(&[])));
    assert!(!cmp("!=", set(&[]), Value::from("x")));
    assert!(cmp("<", set(&["5", "1"]), Value::from(2.0)));
    assert!(cmp(">", Value::from(2.0), set(&["5", "1"])));
    assert!(!cmp(">", Value::from(0.0), set(&["5", "1"])));
    assert!(cmp("=", set(&["x"]), Value::from("x")));
    // Against a boolean, the node-set's own truth counts.
    assert!(cmp("=", set(&[""]), Value::Bool(true)));
    assert!(cmp("=", set(&[]), Value::Bool(false)));
    assert!(cmp("=", Value::Bool(false), set(&[])));
}

#[test]
fn arithmetic_follows_ieee() {
    assert_eq!(number("1 div 0"), f64::INFINITY);
    assert_eq!(number("-1 div 0"), f64::NEG_INFINITY);
    assert!(number("0 div 0").is_nan());
    assert_eq!(number("5 mod -2"), 1.0);
    assert_eq!(number("-5 mod 2"), -1.0);
    assert_eq!(number("5.5 mod 2"), 1.5);
    assert!(number("5 mod 0").is_nan());
    assert_eq!(number("7 div 2"), 3.5);
    assert_eq!(number("2 * 3 - 1"), 5.0);
    assert!(number("'a' + 1").is_nan());
    assert!(number("${missing} + 1").is_nan());
    assert_eq!(number("true() + true()"), 2.0);
}

#[test]
fn an_unanswered_question_is_the_empty_string() {
    let ctx = Answers::default();
    assert_eq!(eval_in("${q}", &ctx), Value::from(""));
    assert!(eval_in("${q} = ''", &ctx).to_bool());
    assert!(!eval_in("${q} = 0", &ctx).to_bool());
    assert!(!eval_in("${q}", &ctx).to_bool());
}

#[test]
fn and_or_short_circuit() {
    // The right side would panic in a context that refuses to be asked.
    struct Refuses;
    impl Context for Refuses {
        fn value(&self, name: &str) -> Value {
            panic!("asked for {name}")
        }
    }
    assert!(!parse("false() and ${x}").unwrap().eval_bool(&Refuses));
    assert!(parse("true() or ${x}").unwrap().eval_bool(&Refuses));
    assert_eq!(parse("if(true(), 1, ${x})").unwrap().eval(&Refuses), Value::Number(1.0));
    assert_eq!(parse("coalesce('a', ${x})").unwrap().eval(&Refuses), Value::from("a"));
}

// ---- functions ----

#[test]
fn not_true_false_boolean() {
    assert!(truth("not(false())"));
    assert!(truth("not('')"));
    assert!(!truth("not('0')"));
    assert!(truth("true()"));
    assert!(!truth("false()"));
    assert!(truth("boolean('x')"));
}

#[test]
fn selected_and_friends() {
    let ctx = Answers::with(&[("fruit", "apple kiwi  pear"), ("one", "b")]);
    let on = |src: &str| eval_in(src, &ctx);
    assert!(on("selected(${fruit}, 'kiwi')").to_bool());
    assert!(on("selected(${fruit}, ' pear ')").to_bool());
    assert!(!on("selected(${fruit}, 'ki')").to_bool());
    assert!(!on("selected(${fruit}, '')").to_bool());
    assert!(!on("selected(${fruit}, 'apple kiwi')").to_bool());
    assert!(on("selected(${one}, 'b')").to_bool());
    assert!(!on("selected(${none}, 'b')").to_bool());
    assert_eq!(on("count-selected(${fruit})"), Value::Number(3.0));
    assert_eq!(on("count-selected(${none})"), Value::Number(0.0));
    assert_eq!(on("selected-at(${fruit}, 0)"), Value::from("apple"));
    assert_eq!(on("selected-at(${fruit}, 2)"), Value::from("pear"));
    assert_eq!(on("selected-at(${fruit}, 1.9)"), Value::from("kiwi"));
    assert_eq!(on("selected-at(${fruit}, 3)"), Value::from(""));
    assert_eq!(on("selected-at(${fruit}, -1)"), Value::from(""));
    assert_eq!(on("selected-at(${fruit}, 'x')"), Value::from("apple"));
}

#[test]
fn choice_name_reads_the_label_through_the_context() {
    let mut ctx = Answers::with(&[("mood", "happy")]);
    ctx.labels.insert(("mood".into(), "happy".into()), "Heureux".into());
    let on = |src: &str| eval_in(src, &ctx).to_string();
    assert_eq!(on("jr:choice-name(${mood}, '${mood}')"), "Heureux");
    assert_eq!(on("jr:choice-name(${mood}, \"/data/mood\")"), "Heureux");
    assert_eq!(on("jr:choice-name('happy', 'mood')"), "Heureux");
    assert_eq!(on("jr:choice-name('sad', '${mood}')"), "");
    assert_eq!(on("jr:choice-name(${other}, '${mood}')"), "");
}

#[test]
fn string_functions() {
    assert_eq!(number("string-length('été')"), 3.0);
    assert_eq!(number("string-length('')"), 0.0);
    let ctx = Answers { current: "abcd".into(), ..Answers::default() };
    assert_eq!(eval_in("string-length()", &ctx), Value::Number(4.0));
    assert_eq!(eval_in("string-length(.) > 3", &ctx), Value::Bool(true));
    assert_eq!(eval_in("string()", &ctx), Value::from("abcd"));
    assert!(eval_in("number()", &ctx).to_number().is_nan());

    assert_eq!(string("concat('a', 1, true(), 2.50)"), "a1true2.5");
    assert_eq!(string("concat()"), "");
    assert!(truth("contains('banana', 'nan')"));
    assert!(truth("contains('banana', '')"));
    assert!(!truth("contains('banana', 'x')"));
    assert!(truth("starts-with('banana', 'ban')"));
    assert!(!truth("starts-with('banana', 'nan')"));
    assert!(truth("ends-with('banana', 'ana')"));
    assert!(!truth("ends-with('banana', 'ban')"));
    assert_eq!(string("string(12)"), "12");
    assert_eq!(string("string(1 div 0)"), "Infinity");
}

#[test]
fn substr_is_zero_based_with_an_exclusive_end() {
    assert_eq!(string("substr('abcdef', 1)"), "bcdef");
    assert_eq!(string("substr('abcdef', 1, 3)"), "bc");
    assert_eq!(string("substr('abcdef', 0, 1)"), "a");
    assert_eq!(string("substr('abcdef', -2)"), "ef");
    assert_eq!(string("substr('abcdef', 0, -1)"), "abcde");
    assert_eq!(string("substr('abcdef', 4, 2)"), "");
    assert_eq!(string("substr('abcdef', 10)"), "");
    assert_eq!(string("substr('abcdef', -10, 100)"), "abcdef");
    assert_eq!(string("substr('abcdef', 1.7, 3.2)"), "bc");
    assert_eq!(string("substr('abcdef', 'x', 2)"), "ab");
    assert_eq!(string("substr('été', 1, 2)"), "t");
    assert_eq!(string("substr('', 0, 1)"), "");
}

#[test]
fn regex_matches_the_whole_string() {
    let ctx = Answers { current: "123".into(), ..Answers::default() };
    assert!(eval_in("regex(., '[0-9]{3}')", &ctx).to_bool());
    assert!(eval_in("regex(., '^[0-9]+$')", &ctx).to_bool());
    assert!(!eval_in("regex(., '[0-9]{2}')", &ctx).to_bool());
    assert!(truth("regex('ab', 'a|ab')"));
    assert!(truth("regex('abc', '(?x) a b c # letters')"));
    // A pattern computed at run time compiles then; when it is invalid, nothing matches.
    assert!(truth("regex('a1', concat('a', '[0-9]'))"));
    assert!(!truth("regex('[a-', concat('[a', '-'))"));
}

#[test]
fn if_coalesce_once() {
    assert_eq!(string("if(1 > 2, 'yes', 'no')"), "no");
    assert_eq!(string("if('x', 'yes', 'no')"), "yes");
    assert_eq!(number("if(true(), 3, 'no')"), 3.0);
    assert_eq!(string("coalesce('', 'b')"), "b");
    assert_eq!(string("coalesce('a', 'b')"), "a");
    assert_eq!(string("coalesce(0 div 0, 'b')"), "b");
    assert_eq!(string("coalesce(0, 'b')"), "0");
    assert_eq!(string("coalesce(${none}, ${none})"), "");

    let mut ctx = Answers::default();
    assert_eq!(eval_in("once(today())", &ctx), Value::from("2024-03-15"));
    ctx.current = "2020-01-01".into();
    assert_eq!(eval_in("once(today())", &ctx), Value::from("2020-01-01"));
}

#[test]
fn dates_are_days_since_1970() {
    assert_eq!(string("today()"), "2024-03-15");
    assert_eq!(string("now()"), "2024-03-15T09:30:05.000+00:00");
    assert_eq!(number("number('1970-01-01')"), 0.0);
    assert_eq!(number("number('1970-01-02')"), 1.0);
    assert_eq!(number("number('1969-12-31')"), -1.0);
    assert_eq!(number("number('2024-03-15')"), 19797.0);
    assert_eq!(number("number(today())"), 19797.0);
    assert_eq!(number("number('1970-01-02T12:00:00Z')"), 1.5);
    assert_eq!(number("number('1970-01-02T12:00:00.000+12:00')"), 1.0);
    assert_eq!(number("number('1970-01-01T06:00')"), 0.25);
    assert!(number("number(now())") > 19797.39);
    assert!(number("number('2024-02-30')").is_nan());
    assert!(number("number('2024-3-05')").is_nan());
    assert!(number("number('2024-03-05x')").is_nan());
    assert!(number("number('2024-03-05T25:00')").is_nan());

    assert!(truth("'2024-03-02' > '2024-02-28'"));
    assert!(truth("'2023-12-31' < today()"));
    assert!(!truth("'2024-03-02' < '2024-02-28'"));
    assert!(truth("'2024-03-15' = today()"));
    assert_eq!(number("today() - '2024-01-01'"), 74.0);
    let ctx = Answers::with(&[("dob", "2015-06-01")]);
    assert!(eval_in("${dob} <= today() and ${dob} > '2006-01-01'", &ctx).to_bool());
}

#[test]
fn int_number_round() {
    assert_eq!(number("int(-3.7)"), -3.0);
    assert_eq!(number("int(3.7)"), 3.0);
    assert_eq!(number("int('12.9')"), 12.0);
    assert!(number("int('')").is_nan());
    assert_eq!(number("int(1 div 0)"), f64::INFINITY);
    assert_eq!(string("int(-0.5)"), "0");

    assert_eq!(number("round(2.5)"), 3.0);
    assert_eq!(number("round(-2.5)"), -2.0);
    assert_eq!(number("round(-2.51)"), -3.0);
    assert_eq!(number("round(2.49)"), 2.0);
    assert_eq!(number("round(0.5)"), 1.0);
    assert_eq!(string("round(-0.4)"), "0");
    assert_eq!(number("round(9.5)"), 10.0);
    assert_eq!(number("round(99.95, 1)"), 100.0);
    assert_eq!(number("round(2.71828, 2)"), 2.72);
    assert_eq!(number("round(1.005, 2)"), 1.01);
    assert_eq!(number("round(-1.005, 2)"), -1.0);
    assert_eq!(number("round(-1.0051, 2)"), -1.01);
    assert_eq!(number("round(1234.5678, -2)"), 1200.0);
    assert_eq!(number("round(1250, -2)"), 1300.0);
    assert_eq!(number("round(-1250, -2)"), -1200.0);
    assert_eq!(number("round(12, 3)"), 12.0);
    assert_eq!(number("round(2.5, 'x')"), 3.0);
    assert!(number("round(2.5, 31)").is_nan());
    assert!(number("round('')").is_nan());
    assert_eq!(number("round(1 div 0)"), f64::INFINITY);
    assert_eq!(number("round(123456789012.5)"), 123456789013.0);

    assert_eq!(number("number('3')"), 3.0);
}

#[test]
fn repeats_sum_count_position_indexed_repeat() {
    let mut ctx = Answers::with(&[("age", "7"), ("alone", "4")]);
    ctx.repeats.insert("age".into(), vec!["7".into(), "".into(), "10".into(), "x".into()]);
    ctx.repeats.insert("child".into(), vec![String::new(); 4]);
    ctx.position = 2;
    let on = |src: &str| eval_in(src, &ctx);
    assert_eq!(on("sum(${age})"), Value::Number(17.0));
    assert_eq!(on("count(${age})"), Value::Number(4.0));
    assert_eq!(on("count(${child})"), Value::Number(4.0));
    assert_eq!(on("${age}"), Value::from("7"));
    assert_eq!(on("position(..)"), Value::Number(2.0));
    assert_eq!(on("indexed-repeat(${age}, ${child}, 3)"), Value::from("10"));
    assert_eq!(on("indexed-repeat(${age}, ${child}, 1)"), Value::from("7"));
    assert_eq!(on("indexed-repeat(${age}, ${child}, 0)"), Value::from("7"));
    assert_eq!(on("indexed-repeat(${age}, ${child}, 9)"), Value::from(""));
    assert_eq!(on("indexed-repeat(${age}, ${child}, position(..) - 1)"), Value::from("7"));
    // A field outside any repeat is a single node.
    assert_eq!(on("sum(${alone})"), Value::Number(4.0));
    assert_eq!(on("count(${alone})"), Value::Number(1.0));
    assert_eq!(on("sum(${nothing})"), Value::Number(0.0));
    assert_eq!(eval("position(..)"), Value::Number(0.0));
}

#[test]
fn choice_filters_read_bare_names_as_columns() {
    let mut ctx = Answers::with(&[("region", "north")]);
    ctx.columns.insert("region".into(), "north".into());
    ctx.columns.insert("name".into(), "lake".into());
    let filter = parse_choice_filter("region = ${region} and name != 'sea'").unwrap();
    assert!(filter.eval_bool(&ctx));
    assert_eq!(filter.references(), ["region"]);
    assert_eq!(filter.to_string(), "((region = ${region}) and (name != 'sea'))");
    assert_eq!(parse_choice_filter(&filter.to_string()).unwrap(), filter);
    assert!(parse_choice_filter("selected(${x}, name)").is_ok());
    assert!(parse("region = ${region}").is_err());
}

// ---- robustness ----

/// xorshift64*: deterministic, no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn parse_never_panics_on_pseudo_random_input() {
    const ALPHABET: &[&str] = &[
        "${a}",
        "${b}",
        "${",
        "}",
        "$",
        "{",
        "(",
        ")",
        "'",
        "\"",
        "'x'",
        "\"y\"",
        "1",
        "2.5",
        ".",
        "..",
        "+",
        "-",
        "*",
        "div",
        "mod",
        "and",
        "or",
        "=",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "!",
        ",",
        " ",
        "not(",
        "selected(",
        "count-selected(",
        "selected-at(",
        "jr:choice-name(",
        "string-length(",
        "concat(",
        "contains(",
        "substr(",
        "regex(",
        "'[a-'",
        "'^a+$'",
        "if(",
        "coalesce(",
        "today()",
        "now()",
        "int(",
        "number(",
        "string(",
        "round(",
        "boolean(",
        "true()",
        "false()",
        "once(",
        "sum(",
        "count(",
        "position(",
        "indexed-repeat(",
        "foo(",
        "region",
        "é",
        "/",
        "[",
        "]",
        "@",
        "|",
        "\n",
        "${é}",
        "${ }",
        "0",
        "'2024-01-01'",
    ];
    let mut ctx = Answers::with(&[("a", "3"), ("b", "x y")]);
    ctx.current = "c".into();
    ctx.repeats.insert("a".into(), vec!["1".into(), "2".into()]);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for _ in 0..5000 {
        let len = rng.below(24);
        let src: String = (0..len).map(|_| ALPHABET[rng.below(ALPHABET.len())]).collect();
        for (columns, result) in [(false, parse(&src)), (true, parse_choice_filter(&src))] {
            match result {
                Ok(expr) => {
                    parsed += 1;
                    let _ = expr.eval(&ctx);
                    let _ = expr.references();
                    let shown = expr.to_string();
                    let again = if columns { parse_choice_filter(&shown) } else { parse(&shown) };
                    assert_eq!(again.as_ref(), Ok(&expr), "{src:?} printed as {shown:?}");
                }
                Err(e) => {
                    let chars = src.chars().count();
                    assert!(e.position <= chars, "{src:?}: {e}");
                }
            }
        }
    }
    // The alphabet is meant to produce some valid expressions too, not only errors.
    assert!(parsed > 100, "only {parsed} parsed");
}

#[test]
fn parse_never_panics_on_arbitrary_characters() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let len = rng.below(16);
        let src: String = (0..len).map(|_| char::from_u32(rng.below(0x3000) as u32).unwrap_or('?')).collect();
        if let Err(e) = parse(&src) {
            assert!(e.position <= src.chars().count());
        }
    }
}
