use super::*;

fn form() -> Arc<Form> {
    let json = r#"{
      "id": "t", "version": "1", "title": {"en": "T", "ar": "ت"},
      "default_language": "en", "languages": ["en", "ar"],
      "choice_lists": {
        "ymn": [{"name": "yes", "label": {"en": "Yes"}}, {"name": "maybe", "label": {"en": "Maybe"}}, {"name": "no", "label": {"en": "No"}}],
        "places": [{"name": "home", "label": {"en": "Home"}}, {"name": "school", "label": {"en": "School"}}, {"name": "street", "label": {"en": "Street"}}]
      },
      "body": [
        {"type": "note", "name": "hello", "label": {"en": "Hello"}},
        {"type": "select_one", "name": "safe_young", "list": "ymn", "age_bands": ["6-7"], "label": {"en": "Safe?"}},
        {"type": "select_one", "name": "safe", "list": "ymn", "age_bands": ["8-12", "13-17"], "required": true, "label": {"en": "Safe?"}},
        {"type": "select_multiple", "name": "places", "list": "places", "label": {"en": "Where?"}},
        {"type": "group", "name": "g", "appearance": "field-list", "label": {"en": "G"}, "children": [
          {"type": "integer", "name": "days", "min": 0, "max": 7, "label": {"en": "Days"}},
          {"type": "text", "name": "change", "max_length": 5, "rather_not_say": false, "label": {"en": "Change"}}
        ]},
        {"type": "calculate", "name": "calc", "label": {}}
      ]
    }"#;
    Arc::new(Form::from_json(json).unwrap())
}

#[test]
fn age_band_picks_the_variant_and_groups_share_a_screen() {
    let young = Survey::new(form(), Lang::En, AgeBand::Age6To7);
    assert_eq!(young.question_names(), vec!["safe_young", "places", "days", "change"]);
    assert_eq!(young.screen_count(), 4);
    let older = Survey::new(form(), Lang::En, AgeBand::Age13To17);
    assert_eq!(older.question_names(), vec!["safe", "places", "days", "change"]);
}

#[test]
fn required_blocks_next_but_rather_not_say_satisfies_it() {
    let mut s = Survey::new(form(), Lang::En, AgeBand::Age8To12);
    s.next().unwrap(); // note
    assert_eq!(s.current()[0].name, "safe");
    assert_eq!(s.next(), Err(Refusal::Required("safe".into())));
    s.answer("safe", Answer::RatherNotSay).unwrap();
    s.next().unwrap();
    assert_eq!(s.progress(), (2, 4));
}

#[test]
fn answers_are_validated_against_the_question() {
    let mut s = Survey::new(form(), Lang::En, AgeBand::Age8To12);
    s.go_to(1);
    assert!(matches!(s.answer("safe", Answer::Value("perhaps".into())), Err(Refusal::UnknownChoice { .. })));
    assert!(matches!(s.answer("places", Answer::Value("home".into())), Err(Refusal::NotOnScreen(_))));
    assert!(matches!(s.answer("safe", Answer::DontKnow), Err(Refusal::NotOffered(_))));
    s.go_to(2);
    // Tap order does not matter; duplicates collapse.
    let stored = s.answer("places", Answer::Value("street home street".into())).unwrap();
    assert_eq!(stored, Some(Answer::Value("home street".into())));
    // Untick everything: the answer is cleared, not stored as empty.
    assert_eq!(s.answer("places", Answer::Value(" ".into())).unwrap(), None);
    assert_eq!(s.answer_of("places"), None);
    s.go_to(3);
    assert!(matches!(s.answer("days", Answer::Value("8".into())), Err(Refusal::OutOfRange { min: 0, max: 7, .. })));
    assert!(matches!(s.answer("days", Answer::Value("two".into())), Err(Refusal::NotANumber { .. })));
    s.answer("days", Answer::Value(" 7 ".into())).unwrap();
    assert_eq!(s.answer_of("days"), Some(&Answer::Value("7".into())));
    assert!(matches!(s.answer("change", Answer::Value("toolong".into())), Err(Refusal::TooLong { .. })));
    assert!(matches!(s.answer("change", Answer::RatherNotSay), Err(Refusal::NotOffered(_))));
}

#[test]
fn back_keeps_answers_and_end_is_past_the_last_screen() {
    let mut s = Survey::new(form(), Lang::En, AgeBand::Age6To7);
    s.next().unwrap();
    s.answer("safe_young", Answer::Value("maybe".into())).unwrap();
    s.next().unwrap();
    assert!(s.back());
    assert_eq!(s.answer_of("safe_young"), Some(&Answer::Value("maybe".into())));
    while !s.at_end() {
        s.next().unwrap();
    }
    assert_eq!(s.progress(), (4, 4));
    assert_eq!(s.next(), Err(Refusal::AtEnd));
    assert!(s.current().is_empty());
}

#[test]
fn resume_restores_position_and_answers() {
    let mut answers = BTreeMap::new();
    answers.insert("safe".to_string(), Answer::Value("yes".into()));
    let s = Survey::resume(form(), Lang::Ar, AgeBand::Age8To12, answers, 2);
    assert_eq!(s.current()[0].name, "places");
    assert_eq!(s.answer_of("safe"), Some(&Answer::Value("yes".into())));
    assert_eq!(s.lang(), Lang::Ar);
    // A position past the end is clamped to the end screen.
    let s = Survey::resume(form(), Lang::Fr, AgeBand::Age8To12, BTreeMap::new(), 99);
    assert!(s.at_end());
    assert_eq!(s.lang(), Lang::En, "a language the form lacks falls back to its default");
}

#[test]
fn relevant_hides_screens_and_clears_answers_that_stop_applying() {
    let json = r#"{
      "id": "r", "version": "1", "title": {"en": "R"}, "default_language": "en", "languages": ["en"],
      "choice_lists": {"yn": [{"name": "yes", "label": {"en": "Yes"}}, {"name": "no", "label": {"en": "No"}}]},
      "body": [
        {"type": "select_one", "name": "pet", "list": "yn", "label": {"en": "Pet?"}},
        {"type": "integer", "name": "pets", "min": 1, "max": 9, "relevant": "${pet} = 'yes'", "label": {"en": "How many?"}},
        {"type": "group", "name": "g", "relevant": "${pets} > 2", "label": {"en": "G"}, "children": [
          {"type": "text", "name": "names", "label": {"en": "Which?"}}
        ]},
        {"type": "note", "name": "end", "label": {"en": "End"}}
      ]
    }"#;
    let mut s = Survey::new(Arc::new(Form::from_json(json).unwrap()), Lang::En, AgeBand::Age8To12);
    s.answer("pet", Answer::Value("no".into())).unwrap();
    s.next().unwrap();
    assert_eq!(s.current()[0].name, "end", "both dependent screens are passed over");
    assert!(s.back());
    assert_eq!(s.current()[0].name, "pet");
    s.answer("pet", Answer::Value("yes".into())).unwrap();
    s.next().unwrap();
    s.answer("pets", Answer::Value("3".into())).unwrap();
    s.next().unwrap();
    assert_eq!(s.current()[0].name, "names", "the group applies once pets > 2");
    s.answer("names", Answer::Value("cat dog rabbit".into())).unwrap();
    s.go_to(0);
    s.answer("pet", Answer::Value("no".into())).unwrap();
    assert_eq!(s.answer_of("pets"), None);
    assert_eq!(s.answer_of("names"), None, "cleared in turn");
    let mut cleared: Vec<String> = s.drain_changes().into_iter().filter(|(_, a)| a.is_none()).map(|(n, _)| n).collect();
    cleared.sort();
    assert_eq!(cleared, vec!["names", "pets"]);
    assert!(s.drain_changes().is_empty());
}

#[test]
fn revise_reaches_any_shown_question_but_not_hidden_ones() {
    let mut s = Survey::new(form(), Lang::En, AgeBand::Age8To12);
    s.go_to(3);
    s.answer("change", Answer::Value("parks".into())).unwrap();
    s.go_to(0);
    assert_eq!(s.revise("change", Answer::Value("[…]".into())).unwrap(), Some(Answer::Value("[…]".into())));
    assert_eq!(s.position(), 0, "revising does not move the survey");
    assert!(
        matches!(s.revise("safe_young", Answer::Value("yes".into())), Err(Refusal::NotOnScreen(_))),
        "not this band's"
    );
    assert!(matches!(s.revise("change", Answer::Value("far too long".into())), Err(Refusal::TooLong { .. })));
}

fn logic_form() -> Arc<Form> {
    let json = r#"{
      "id": "l", "version": "1", "title": {"en": "L", "fr": "L"}, "default_language": "en", "languages": ["en", "fr"],
      "choice_lists": {
        "regions": [{"name": "north", "label": {"en": "North"}}, {"name": "south", "label": {"en": "South"}}],
        "towns": [
          {"name": "a", "label": {"en": "A"}, "extra": {"region": "north"}},
          {"name": "b", "label": {"en": "B"}, "extra": {"region": "north"}},
          {"name": "c", "label": {"en": "C"}, "extra": {"region": "south"}}
        ]
      },
      "body": [
        {"type": "integer", "name": "siblings", "label": {"en": "Siblings?"},
         "constraint": ". <= 12", "constraint_message": {"en": "That seems a lot: 12 at most.", "fr": "Cela fait beaucoup : 12 au plus."}},
        {"type": "integer", "name": "rooms", "default": "3", "label": {"en": "Rooms?"}},
        {"type": "calculate", "name": "per_room", "calculation": "if(${rooms} > 0, (${siblings} + 1) div ${rooms}, '')"},
        {"type": "select_one", "name": "region", "list": "regions", "label": {"en": "Region?"}},
        {"type": "select_one", "name": "town", "list": "towns", "choice_filter": "region = ${region}", "label": {"en": "Town?"}},
        {"type": "text", "name": "when", "default": "today()", "label": {"en": "Day"}}
      ]
    }"#;
    Arc::new(Form::from_json(json).unwrap())
}

#[test]
fn constraints_refuse_with_the_forms_message_in_the_session_language() {
    let mut s = Survey::new(logic_form(), Lang::Fr, AgeBand::Age8To12);
    let refused = s.answer("siblings", Answer::Value("20".into())).unwrap_err();
    assert_eq!(refused, Refusal::Constraint("siblings".into()));
    assert_eq!(s.form_message(&refused).as_deref(), Some("Cela fait beaucoup : 12 au plus."));
    assert_eq!(s.answer("siblings", Answer::Value("5".into())).unwrap(), Some(Answer::Value("5".into())));
    assert_eq!(s.form_message(&Refusal::Required("siblings".into())), None, "no required_message: the app's own words");
}

#[test]
fn defaults_and_calculations_follow_the_answers_and_reach_the_caller() {
    let mut s = Survey::new(logic_form(), Lang::En, AgeBand::Age8To12);
    let start = s.drain_changes();
    assert!(start.contains(&("rooms".to_string(), Some(Answer::Value("3".into())))), "{start:?}");
    let today = chrono::Local::now().date_naive().to_string();
    assert!(start.contains(&("when".to_string(), Some(Answer::Value(today)))), "{start:?}");
    s.answer("siblings", Answer::Value("5".into())).unwrap();
    assert_eq!(s.answer_of("per_room"), Some(&Answer::Value("2".into())));
    assert_eq!(
        s.drain_changes(),
        vec![
            ("siblings".to_string(), Some(Answer::Value("5".into()))),
            ("per_room".to_string(), Some(Answer::Value("2".into())))
        ],
        "the answer itself, then what followed from it"
    );
    s.go_to(1);
    s.answer("rooms", Answer::Value("0".into())).unwrap();
    assert_eq!(s.answer_of("per_room"), None, "an empty calculation clears its value");
    assert_eq!(
        s.drain_changes(),
        vec![("rooms".to_string(), Some(Answer::Value("0".into()))), ("per_room".to_string(), None)]
    );
}

#[test]
fn choice_filters_narrow_the_choices_and_what_is_accepted() {
    let mut s = Survey::new(logic_form(), Lang::En, AgeBand::Age8To12);
    s.go_to(2);
    let town = s.form().body[4].clone();
    assert!(s.choices(&town).is_empty(), "no region yet: no town");
    s.answer("region", Answer::Value("north".into())).unwrap();
    let names: Vec<&str> = s.choices(&town).iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["a", "b"]);
    s.go_to(3);
    assert!(matches!(s.answer("town", Answer::Value("c".into())), Err(Refusal::UnknownChoice { .. })));
    s.answer("town", Answer::Value("a".into())).unwrap();
}

fn repeat_form() -> Arc<Form> {
    let json = r#"{
      "id": "rep", "version": "1", "title": {"en": "R"}, "default_language": "en", "languages": ["en"],
      "body": [
        {"type": "note", "name": "intro", "label": {"en": "Hi"}},
        {"type": "repeat", "name": "friends", "label": {"en": "Your friends"}, "children": [
          {"type": "integer", "name": "friend_age", "min": 0, "max": 20, "label": {"en": "Age?"}},
          {"type": "text", "name": "friend_game", "relevant": "${friend_age} > 10", "label": {"en": "Game?"}},
          {"type": "calculate", "name": "friend_no", "calculation": "position(..)"}
        ]},
        {"type": "calculate", "name": "total_age", "calculation": "sum(${friend_age})"},
        {"type": "calculate", "name": "how_many", "calculation": "count(${friends})"},
        {"type": "calculate", "name": "second_age", "calculation": "indexed-repeat(${friend_age}, ${friends}, 2)"},
        {"type": "note", "name": "end", "label": {"en": "Bye"}}
      ]
    }"#;
    Arc::new(Form::from_json(json).unwrap())
}

fn value(s: &Survey, key: &str) -> Option<String> {
    s.answers().get(key).and_then(Answer::value).map(str::to_string)
}

#[test]
fn repeats_start_empty_and_the_child_adds_instances() {
    let mut s = Survey::new(repeat_form(), Lang::En, AgeBand::Age8To12);
    assert_eq!(s.screen_count(), 3, "intro, add another, end");
    assert_eq!(value(&s, "friends").as_deref(), Some("0"), "the count is stored from the start");
    s.next().unwrap();
    let place = s.repeat_place().unwrap();
    assert_eq!((place.node.name.as_str(), place.instance, place.count), ("friends", None, 0));
    assert!(s.current().is_empty());
    assert!(matches!(s.answer("friend_age", Answer::Value("9".into())), Err(Refusal::NotOnScreen(_))));

    s.drain_changes();
    s.add_instance().unwrap();
    assert_eq!(s.repeat_place().unwrap().instance, Some(1));
    assert_eq!(s.current()[0].name, "friend_age");
    assert_eq!(s.position(), 1, "the new instance's first screen");
    assert_eq!(s.screen_count(), 5, "intro, age, game, add another, end");
    assert_eq!(value(&s, "friend_no[1]").as_deref(), Some("1"), "position(..)");
    s.answer("friend_age", Answer::Value("12".into())).unwrap();
    assert_eq!(s.answer_of("friend_age"), Some(&Answer::Value("12".into())), "this instance's answer");
    assert_eq!(value(&s, "friend_age[1]").as_deref(), Some("12"));
    assert_eq!(value(&s, "total_age").as_deref(), Some("12"));
    s.next().unwrap();
    assert_eq!(s.current()[0].name, "friend_game", "relevant reads the same instance's age");
    s.answer("friend_game", Answer::Value("Football".into())).unwrap();
    s.next().unwrap();
    assert_eq!(s.repeat_place().unwrap().count, 1);

    s.add_instance().unwrap();
    s.answer("friend_age", Answer::Value("8".into())).unwrap();
    assert_eq!(s.answer_of("friend_game"), None);
    s.next().unwrap();
    assert_eq!(s.repeat_place().unwrap().instance, None, "a game for an 8-year-old friend is not asked");
    assert_eq!(value(&s, "total_age").as_deref(), Some("20"), "sum over instances");
    assert_eq!(value(&s, "how_many").as_deref(), Some("2"), "count of the repeat");
    assert_eq!(value(&s, "second_age").as_deref(), Some("8"), "indexed-repeat");
    let keys: Vec<String> = s.questions().into_iter().map(|q| q.key).collect();
    assert_eq!(keys, ["friend_age[1]", "friend_game[1]", "friend_age[2]"]);
}

#[test]
fn removing_an_instance_moves_the_later_ones_up_and_tells_the_store() {
    let mut s = Survey::new(repeat_form(), Lang::En, AgeBand::Age8To12);
    s.next().unwrap();
    for age in ["12", "8"] {
        s.add_instance().unwrap();
        s.answer("friend_age", Answer::Value(age.into())).unwrap();
        s.next().unwrap();
        if s.repeat_place().unwrap().instance.is_some() {
            s.answer("friend_game", Answer::Value("Football".into())).unwrap();
            s.next().unwrap();
        }
    }
    let add_another = s.position();
    s.drain_changes();
    s.remove_instance(1).unwrap();
    assert_eq!(s.position(), add_another - 2, "still on add another, two screens fewer");
    assert_eq!(s.repeat_place().unwrap().count, 1);
    assert_eq!(value(&s, "friend_age[1]").as_deref(), Some("8"));
    assert_eq!(value(&s, "friend_game[1]"), None);
    assert_eq!(value(&s, "friend_age[2]"), None);
    assert_eq!(value(&s, "total_age").as_deref(), Some("8"));
    assert_eq!(value(&s, "second_age"), None);
    let changes = s.drain_changes();
    for expected in [
        ("friend_age[1]", Some(Answer::Value("8".into()))),
        ("friend_game[1]", None),
        ("friend_age[2]", None),
        ("friends", Some(Answer::Value("1".into()))),
        ("second_age", None),
    ] {
        assert!(changes.iter().any(|(k, a)| k == expected.0 && *a == expected.1), "{expected:?} in {changes:?}");
    }
    assert!(s.remove_instance(2).is_err(), "there is no second instance now");
    s.back();
    assert!(s.remove_instance(1).is_err(), "only from the add-another screen");
}

#[test]
fn a_resumed_survey_has_its_instances_back() {
    let mut s = Survey::new(repeat_form(), Lang::En, AgeBand::Age8To12);
    s.next().unwrap();
    s.add_instance().unwrap();
    s.answer("friend_age", Answer::Value("15".into())).unwrap();
    s.next().unwrap();
    let mut stored = BTreeMap::new();
    for (k, a) in s.drain_changes() {
        match a {
            Some(a) => stored.insert(k, a),
            None => stored.remove(&k),
        };
    }
    let r = Survey::resume(repeat_form(), Lang::En, AgeBand::Age8To12, stored, s.position());
    assert_eq!(r.screen_count(), s.screen_count());
    assert_eq!(r.current()[0].name, "friend_game");
    assert_eq!(r.repeat_place().unwrap().instance, Some(1));
    assert_eq!(r.answers(), s.answers());
}

#[test]
fn repeat_count_sets_the_instances_and_required_can_be_an_expression() {
    let json = r#"{
      "id": "rc", "version": "1", "title": {"en": "R"}, "default_language": "en", "languages": ["en"],
      "choice_lists": {"yn": [{"name": "yes", "label": {"en": "Yes"}}, {"name": "no", "label": {"en": "No"}}]},
      "body": [
        {"type": "integer", "name": "n", "min": 0, "max": 5, "label": {"en": "How many?"}},
        {"type": "repeat", "name": "kids", "repeat_count": "${n}", "label": {"en": "Kids"}, "children": [
          {"type": "select_one", "name": "happy", "list": "yn", "required_if": "${n} > 1", "label": {"en": "Happy?"}}
        ]},
        {"type": "note", "name": "end", "label": {"en": "Bye"}}
      ]
    }"#;
    let mut s = Survey::new(Arc::new(Form::from_json(json).unwrap()), Lang::En, AgeBand::Age8To12);
    assert_eq!(s.screen_count(), 2, "no instance and no add-another screen");
    s.answer("n", Answer::Value("2".into())).unwrap();
    assert_eq!(s.screen_count(), 4);
    assert_eq!(value(&s, "kids").as_deref(), Some("2"));
    s.next().unwrap();
    assert_eq!(s.repeat_place().unwrap().instance, Some(1));
    assert_eq!(s.next(), Err(Refusal::Required("happy".into())), "required while n > 1");
    s.answer("happy", Answer::Value("yes".into())).unwrap();
    s.next().unwrap();
    s.answer("happy", Answer::Value("no".into())).unwrap();
    assert!(s.add_instance().is_err(), "the form sets the count");
    s.go_to(0);
    s.answer("n", Answer::Value("1".into())).unwrap();
    assert_eq!(s.screen_count(), 3);
    assert_eq!(value(&s, "happy[2]"), None, "the instance gone takes its answer");
    assert_eq!(value(&s, "happy[1]").as_deref(), Some("yes"));
    s.next().unwrap();
    s.answer("happy", Answer::Value(String::new())).unwrap();
    s.next().unwrap();
    assert!(s.at_end() || s.current()[0].name == "end", "not required once n is 1");
}

#[test]
fn answer_keys_round_trip() {
    assert_eq!(answer_key("a", Some(3)), "a[3]");
    assert_eq!(parse_key("a[3]"), ("a", Some(3)));
    assert_eq!(parse_key("a"), ("a", None));
    assert_eq!(parse_key("a[x]"), ("a[x]", None));
}

/// Whatever a child does, in any order, the answers the caller stored from `drain_changes` are
/// exactly the engine's: replaying them gives the same survey back (what a resume after a kill
/// relies on). Random walks over a form with a repeat and one with `repeat_count`.
#[test]
fn stored_changes_always_rebuild_the_same_survey() {
    use rand::{Rng, SeedableRng};
    let count_form = {
        let json = r#"{
          "id": "rc", "version": "1", "title": {"en": "R"}, "default_language": "en", "languages": ["en"],
          "choice_lists": {"yn": [{"name": "yes", "label": {"en": "Yes"}}, {"name": "no", "label": {"en": "No"}}]},
          "body": [
            {"type": "integer", "name": "n", "min": 0, "max": 4, "label": {"en": "How many?"}},
            {"type": "repeat", "name": "kids", "repeat_count": "${n}", "label": {"en": "Kids"}, "children": [
              {"type": "select_one", "name": "happy", "list": "yn", "label": {"en": "Happy?"}},
              {"type": "integer", "name": "age", "min": 0, "max": 17, "relevant": "${happy} = 'yes'", "label": {"en": "Age?"}},
              {"type": "calculate", "name": "older", "calculation": "if(${age} > 10, 'yes', 'no')"}
            ]},
            {"type": "calculate", "name": "ages", "calculation": "sum(${age})"},
            {"type": "note", "name": "end", "label": {"en": "Bye"}}
          ]
        }"#;
        Arc::new(Form::from_json(json).unwrap())
    };
    for (form, seed) in [(repeat_form(), 1u64), (count_form, 2), (repeat_form(), 3), (logic_form(), 4)] {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let mut s = Survey::new(form.clone(), Lang::En, AgeBand::Age8To12);
        let mut stored: BTreeMap<String, Answer> = BTreeMap::new();
        let (mut removed, mut in_instance_two) = (0, 0);
        for step in 0..2_000 {
            in_instance_two += usize::from(s.repeat_place().is_some_and(|p| p.instance == Some(2)));
            match rng.random_range(0..10) {
                0..=4 => {
                    let names: Vec<(String, Kind)> = s.current().iter().map(|n| (n.name.clone(), n.kind)).collect();
                    if let Some((name, kind)) = names.get(rng.random_range(0..names.len().max(1))) {
                        let value = match kind {
                            Kind::Integer => rng.random_range(0..6).to_string(),
                            Kind::Text => ["a", "", "b c"][rng.random_range(0..3)].to_string(),
                            _ => {
                                let node = s.current().into_iter().find(|n| &n.name == name).unwrap().clone();
                                let choices = s.choices(&node);
                                choices
                                    .get(rng.random_range(0..choices.len().max(1)))
                                    .map_or(String::new(), |c| c.name.clone())
                            }
                        };
                        let answer = if rng.random_bool(0.1) { Answer::RatherNotSay } else { Answer::Value(value) };
                        let _ = s.answer(name, answer);
                    }
                }
                5 => {
                    let _ = s.next();
                }
                6 => {
                    s.back();
                }
                7 => {
                    let _ = s.add_instance();
                }
                8 => {
                    removed += usize::from(s.remove_instance(rng.random_range(1..4)).is_ok());
                }
                _ => s.go_to(rng.random_range(0..=s.screen_count())),
            }
            for (key, answer) in s.drain_changes() {
                match answer {
                    Some(a) => stored.insert(key, a),
                    None => stored.remove(&key),
                };
            }
            assert_eq!(&stored, s.answers(), "{} step {step}: the store holds what the engine holds", form.id);
            let resumed = Survey::resume(form.clone(), Lang::En, AgeBand::Age8To12, stored.clone(), s.position());
            assert_eq!(resumed.screen_count(), s.screen_count(), "{} step {step}: same screens", form.id);
            assert_eq!(resumed.current(), s.current(), "{} step {step}: same screen", form.id);
        }
        // The walks do reach what they are meant to test.
        match form.id.as_str() {
            "rep" => assert!(
                removed > 5 && in_instance_two > 5,
                "{removed} removals, {in_instance_two} in a second instance"
            ),
            "rc" => assert!(in_instance_two > 5, "{in_instance_two} steps in a second instance"),
            _ => {}
        }
    }
}

#[test]
fn decimals_and_dates_are_checked() {
    let json = r#"{
      "id": "d", "version": "1", "title": {"en": "D"}, "default_language": "en", "languages": ["en"],
      "body": [
        {"type": "decimal", "name": "height", "label": {"en": "Height?"}},
        {"type": "date", "name": "day", "label": {"en": "Day?"}}
      ]
    }"#;
    let mut s = Survey::new(Arc::new(Form::from_json(json).unwrap()), Lang::En, AgeBand::Age8To12);
    assert_eq!(s.answer("height", Answer::Value(" 1.25 ".into())).unwrap(), Some(Answer::Value("1.25".into())));
    for bad in ["tall", "1,5", "1e3", "NaN"] {
        let refused = s.answer("height", Answer::Value(bad.into())).unwrap_err();
        assert_eq!(refused.message_key(), "child-not-a-number", "{bad}");
    }
    s.next().unwrap();
    assert_eq!(s.answer("day", Answer::Value("2026-3-5".into())).unwrap(), Some(Answer::Value("2026-03-05".into())));
    assert!(matches!(s.answer("day", Answer::Value("2026-02-30".into())), Err(Refusal::NotADate { .. })));
    assert!(matches!(s.answer("day", Answer::Value("yesterday".into())), Err(Refusal::NotADate { .. })));
}

#[test]
fn a_field_list_repeat_shows_each_instance_on_one_screen_and_bands_still_apply() {
    let json = r#"{
      "id": "fl", "version": "1", "title": {"en": "F"}, "default_language": "en", "languages": ["en"],
      "choice_lists": {"yn": [{"name": "yes", "label": {"en": "Yes"}}, {"name": "no", "label": {"en": "No"}}]},
      "body": [
        {"type": "repeat", "name": "pets", "appearance": "field-list", "label": {"en": "Pets"}, "children": [
          {"type": "select_one", "name": "likes", "list": "yn", "label": {"en": "Likes you?"}},
          {"type": "select_one", "name": "likes_young", "list": "yn", "age_bands": ["6-7"], "label": {"en": "Nice?"}},
          {"type": "integer", "name": "legs", "label": {"en": "Legs?"}}
        ]}
      ]
    }"#;
    let form = Arc::new(Form::from_json(json).unwrap());
    let mut s = Survey::new(form.clone(), Lang::En, AgeBand::Age13To17);
    s.add_instance().unwrap();
    let names: Vec<&str> = s.current().iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["likes", "legs"], "one screen per instance, this band's rows only");
    s.answer("legs", Answer::Value("4".into())).unwrap();
    s.next().unwrap();
    s.add_instance().unwrap();
    assert_eq!(s.answer_of("legs"), None, "a new instance starts empty");
    assert_eq!(s.screen_count(), 3, "two instance screens and add-another");
    let mut young = Survey::new(form, Lang::En, AgeBand::Age6To7);
    young.add_instance().unwrap();
    assert_eq!(young.current().len(), 3);
}

#[test]
fn a_read_only_question_shows_its_value_and_refuses_answers() {
    let json = r#"{
      "id": "ro", "version": "1", "title": {"en": "R"}, "default_language": "en", "languages": ["en"],
      "body": [
        {"type": "integer", "name": "n", "label": {"en": "N?"}},
        {"type": "integer", "name": "twice", "read_only": true, "required": true, "calculation": "${n} * 2", "label": {"en": "Twice"}},
        {"type": "text", "name": "site", "read_only": true, "default": "Sunflower school", "label": {"en": "Where"}}
      ]
    }"#;
    let mut s = Survey::new(Arc::new(Form::from_json(json).unwrap()), Lang::En, AgeBand::Age8To12);
    s.answer("n", Answer::Value("4".into())).unwrap();
    s.next().unwrap();
    assert_eq!(s.answer_of("twice"), Some(&Answer::Value("8".into())));
    assert_eq!(s.answer("twice", Answer::Value("9".into())), Err(Refusal::NotOffered("twice".into())));
    s.next().expect("required does not hold up a question the child cannot answer");
    assert_eq!(s.answer_of("site"), Some(&Answer::Value("Sunflower school".into())), "its default");
    assert!(s.answer("site", Answer::Value("elsewhere".into())).is_err());
}

/// "Nobody" and "Nothing yet" in the built-in forms go on their own: picked with another card,
/// the form's message says so (a user test found "My friends, Nobody" finalised).
#[test]
fn builtin_exclusive_cards_go_on_their_own() {
    for (form_id, question, alone, other) in [
        ("cercle_participation", "who_listens", "nobody", "friends"),
        ("cercle_advisory_feedback", "after_last_meeting", "nothing_yet", "told_results"),
    ] {
        let form = Arc::new(crate::form::builtin_forms().into_iter().find(|f| f.id == form_id).unwrap());
        let node = form.leaves().into_iter().find(|l| l.node.name == question).unwrap().node.clone();
        assert!(form.choices(&node).iter().any(|c| c.name == other), "{other}");
        let mut survey = Survey::new(form.clone(), Lang::Fr, AgeBand::Age8To12);
        while !survey.current().iter().any(|n| n.name == question) {
            survey.next().unwrap();
        }
        assert!(survey.answer(question, Answer::Value(alone.into())).is_ok());
        let refused = survey.answer(question, Answer::Value(format!("{other} {alone}"))).unwrap_err();
        assert_eq!(refused, Refusal::Constraint(question.into()));
        assert!(survey.form_message(&refused).unwrap().contains("tout seul"), "{form_id}");
        assert_eq!(survey.answer_of(question), Some(&Answer::Value(alone.into())), "the answer before stays");
        assert!(survey.answer(question, Answer::Value(other.into())).is_ok());
    }
}
