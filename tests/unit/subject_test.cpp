// What each figure is about: head, terms, role, when and negation read from
// its clause, the lexicon's sections behind them, and copies merged only when
// they are about one thing. Sentences written for these tests.
#include <catch2/catch.hpp>

#include "claim/claim.h"
#include "run_helpers.h"

using namespace claimdiff;

namespace {
std::vector<claim::Claim> claims_of(const std::string& text) {
  return testing::claims_of(text, "2025-06-10");
}

// The subject of the one claim whose printed text holds `figure` ("toll of 48"
// holds "48"), of role `role` when given.
claim::Subject subject_of(const std::string& text, const std::string& figure,
                          std::optional<claim::Role> role = std::nullopt) {
  for (const auto& c : claims_of(text))
    if (c.text.find(figure) != std::string::npos && (!role || c.subject.role == *role))
      return c.subject;
  FAIL("no claim '" << figure << "' in: " << text);
  return {};
}

bool has_term(const claim::Subject& s, const std::string& stem) {
  return std::find(s.terms.begin(), s.terms.end(), stem) != s.terms.end();
}

bool has_letter_or_digit(const std::string& word) {
  return std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c); });
}

std::string stem(const std::string& word) {
  text::Stemmer stemmer;
  return stemmer.stem_words(word);
}

std::vector<ruleset::Error> lexicon_errors(const std::string& name, const std::string& yaml) {
  const auto dir = testing::scratch_dir(name);
  testing::write_file(dir / "words.yaml", yaml);
  return ruleset::load({CLAIMDIFF_RULES_DIR, dir}).errors;
}
}  // namespace

TEST_CASE("stems come from Snowball: plurals and verb forms meet", "[subject]") {
  text::Stemmer stemmer;
  CHECK(stemmer.stem("deaths") == stemmer.stem("death"));
  CHECK(stemmer.stem("tenants") == "tenant");
  CHECK(stemmer.stem_words("death tolls") == "death toll");
  CHECK(stemmer.stem("") == "");
}

TEST_CASE("frame FIG NOUN: a count's head is the noun it counts", "[subject]") {
  const auto s =
      subject_of("Lifeboats brought 57 passengers ashore near the harbour.", "57 passengers");
  CHECK(s.head_words == "passengers");
  CHECK(s.head == "passeng");
  CHECK(s.head_rule.empty());  // the counted noun, not a subject rule
  CHECK(has_term(s, "lifeboat"));
  CHECK(has_term(s, "harbour"));
  // A share or sum before its noun: a subject rule.
  const auto share = subject_of("The board agreed a 6% dividend for the year.", "6%");
  CHECK(share.head_words == "dividend");
  CHECK(share.head_rule == "subject.fig_noun");
}

TEST_CASE("frame NOUN of FIG: 'a toll of', widened to a head the lexicon knows", "[subject]") {
  const auto s = subject_of("The quake left a death toll of 48 across the valley.", "48");
  CHECK(s.head_words == "death toll");
  CHECK(s.head_rule == "subject.noun_of");
  const auto t = subject_of("The poll had a turnout of 44%.", "44%");
  CHECK(t.head == "turnout");
}

TEST_CASE("frame FIG of (the) NOUN: the whole a share is of", "[subject]") {
  const auto s = subject_of("Roughly 65% of the drivers voted to accept.", "Roughly 65%");
  CHECK(s.head_words == "drivers");
  CHECK(s.head == "driver");
  // "of them" names nothing: no head.
  CHECK(subject_of("Nearly 30% of them walked away.", "Nearly 30%").head.empty());
}

TEST_CASE("frame NOUN was / stood at / rose to FIG", "[subject]") {
  CHECK(subject_of("Unemployment stood at 4.1% in the region.", "4.1%").head == "unemploy");
  const auto eased = subject_of("Food inflation eased to 3.4% over the summer.", "3.4%");
  CHECK(eased.head_words == "inflation");
  CHECK(eased.head_rule == "subject.noun_verb");
  CHECK(has_term(eased, "food"));
  // A number a subject rule names is a claim ("the toll rose to 51").
  const auto toll = subject_of("By nightfall the toll rose to 51.", "51");
  CHECK(toll.head_words == "toll");
}

TEST_CASE("frame NOUN: FIG, as tables print it", "[subject]") {
  const auto s = subject_of("Seats won: 212", "Seats won: 212");
  CHECK(s.head_words == "seats won");
  const auto p = subject_of("Turnout: 44%", "44%");
  CHECK(p.head_words == "turnout");
  CHECK(p.head_rule == "subject.label");
}

TEST_CASE("frame FIG NOUN-compound: 'a 3,210-vote majority'", "[subject]") {
  const auto s = subject_of("He held the seat with a 3,210-vote majority.", "3,210");
  CHECK(s.head_words == "majority");
  CHECK(has_term(s, "seat"));
}

TEST_CASE("roles: threshold, target, requirement, forecast, previous, change, result",
          "[subject]") {
  using claim::Role;
  SECTION("threshold") {
    const auto s = subject_of("The law needs a 50% turnout for the result to stand.", "50%");
    CHECK(s.role == Role::threshold);
    CHECK(s.role_words == "needs a");
    CHECK(subject_of("It fell short of the 40% threshold.", "40%").role == Role::threshold);
  }
  SECTION("target") {
    const auto s = subject_of("The council aims to build 900 homes on the site.", "900 homes");
    CHECK(s.role == Role::target);
    CHECK(s.role_words == "aims to");
  }
  SECTION("requirement") {
    const auto s = subject_of("Tenants must pay a £250 deposit up front.", "£250");
    CHECK(s.role == Role::requirement);
  }
  SECTION("forecast") {
    const auto s = subject_of("Growth is expected to reach 1.8% next spring.", "1.8%");
    CHECK(s.role == Role::forecast);
    CHECK(s.role_words == "expected to");
    // A company's own outlook: "expects", "anticipates".
    CHECK(subject_of("The ferry firm expects profit to reach £4m this year.", "£4m").role ==
          Role::forecast);
    // The word after the figure: "the 2.1% analysts had expected".
    const auto after =
        subject_of("Growth came in at 1.6%, short of the 2.1% analysts had expected.", "2.1%");
    CHECK(after.role == Role::forecast);
    CHECK(subject_of("Growth came in at 1.6%, short of the 2.1% analysts had expected.", "1.6%")
              .role == Role::result);
    // Who expected it is no head: "the 4% analysts had been expecting".
    const auto expecting =
        subject_of("Bus fares rose 5%, above the 4% analysts had been expecting.", "4%");
    CHECK(expecting.role == Role::forecast);
    CHECK(expecting.head.empty());
    CHECK(subject_of("Output had been expected by forecasters to grow by 0.8%.", "0.8%").role ==
          Role::forecast);
    // A result compared with a forecast stays a result.
    CHECK(subject_of("Sales reached £4.2m, lower than analysts had forecast.", "£4.2m").role ==
          Role::result);
  }
  SECTION("previous: a word before the figure, and the start of a change") {
    const auto s = subject_of("Vacancies rose to 7.5%, up from 6.2% a year ago.", "6.2%");
    CHECK(s.role == Role::previous);
    CHECK(s.role_words == "up from");
    // "from X to Y" printed as two figures: X is the earlier value, Y the result.
    const std::string fares = "Season tickets will go from £2,150 to £2,240 in March.";
    CHECK(subject_of(fares, "£2,150").role == Role::previous);
    CHECK(subject_of(fares, "£2,240").role == Role::result);
    const std::string change =
        "The insurer told staff to raise their time in the office from two to three days a week.";
    const auto before = subject_of(change, "from two to three days a week", Role::previous);
    const auto now = subject_of(change, "from two to three days a week", Role::result);
    CHECK(before.terms == now.terms);  // about one thing, at two times
  }
  SECTION("change") {
    const auto s = subject_of("Rents rose by 6% in the city.", "6%");
    CHECK(s.role == Role::change);
    CHECK(s.role_words == "rose by");
    CHECK(subject_of("Members won a 12% increase in basic pay.", "12%").role == Role::change);
  }
  SECTION("result") {
    const auto s = subject_of("Rents rose to £950 a month.", "£950");
    CHECK(s.role == Role::result);
    CHECK(s.role_words == "rose to");
    CHECK(subject_of("Turnout was 61%.", "61%").role == Role::result);
  }
  SECTION("a word belongs to the figure nearest it") {
    // "needs" stands before 55%, but 48% lies between: the 48% is a result.
    const auto s = subject_of("The club needs 48% more members to reach 55%.", "55%");
    CHECK(s.role == Role::result);
  }
}

TEST_CASE("negation: words before the figure, or just after it, deny it", "[subject]") {
  CHECK(subject_of("The union failed to reach 50% in the ballot.", "50%").negated);
  CHECK(subject_of("The plant no longer employs 800 workers.", "800 workers").negated);
  CHECK(subject_of("In the end 312 members did not vote.", "312 members").negated);
  CHECK_FALSE(subject_of("In the end 312 members voted.", "312 members").negated);
  // A clause break ends the negation's reach.
  CHECK_FALSE(subject_of("The firm did not comment, but 40 staff left.", "40 staff").negated);
}

TEST_CASE("when: the date of the figure's clause; a date has none", "[subject]") {
  CHECK(subject_of("Sales reached £4.2m in 2021.", "£4.2m").when == "2021");
  CHECK(subject_of("Turnout was 58% on 3 March 2024.", "58%").when == "2024-03-03");
  CHECK(subject_of("Turnout was 58% in March 2024.", "58%").when == "2024-03");
  // The date sits in another clause: no time for the figure.
  CHECK(subject_of("Turnout was 58%, but the vote was rerun in 2023.", "58%").when.empty());
  // A figure in a relative aside takes no date from the main clause after
  // it, but does from what the aside is about.
  const std::string depot = "Drivers at the depot, which employs 120 people, struck in 2024.";
  CHECK(subject_of(depot, "120 people").when.empty());
  CHECK(subject_of("The fare set in 2023, which was £4, is gone.", "£4").when == "2023");
  for (const auto& c : claims_of("Sales reached £4.2m in 2021."))
    if (c.kind == "date") CHECK(c.subject.when.empty());
}

TEST_CASE("terms: content words of the clause, nearest first, without stop words", "[subject]") {
  const auto s = subject_of(
      "The harbour authority said 57 ferries were cancelled, and "
      "the airport closed.",
      "57 ferries");
  REQUIRE(!s.terms.empty());
  REQUIRE(s.terms.size() >= 2);  // the two words two away from the figure, the earlier first
  CHECK(s.terms[0] == "author");
  CHECK(s.terms[1] == "cancel");
  CHECK(has_term(s, "harbour"));
  CHECK(!has_term(s, "said"));
  CHECK(!has_term(s, "airport"));  // another clause
  CHECK(!has_term(s, "ferri"));    // the head is no term
  CHECK(s.terms.size() <= 8);
  // ", yet" opens another clause too.
  const auto yet =
      subject_of("Rents climbed 4% in the city, yet wages in the region stalled.", "4%");
  CHECK(has_term(yet, "citi"));
  CHECK(!has_term(yet, "wage"));
}

TEST_CASE("synonyms: heads the lexicon calls one thing share a name", "[subject]") {
  const auto& lexicon = testing::builtin_rules().lexicon;
  CHECK(lexicon.synonym_head(stem("employees")) == lexicon.synonym_head(stem("workers")));
  CHECK(lexicon.synonym_head(stem("workforce")) == "staff");
  CHECK(lexicon.synonym_head(stem("death toll")) == lexicon.synonym_head(stem("deaths")));
  CHECK(lexicon.synonym_head(stem("ballots")) == lexicon.synonym_head(stem("votes")));
  CHECK(lexicon.synonym_head(stem("tenants")) == "tenant");  // in no group: itself
  // A pack adds to a group by naming one of its words.
  const auto dir = testing::scratch_dir("subject-synonyms");
  testing::write_file(dir / "words.yaml", "lexicon:\n  synonyms:\n    - [staff, crew]\n");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  REQUIRE(loaded.errors.empty());
  CHECK(loaded.rules.lexicon.synonym_head(stem("crew")) == "staff");
}

TEST_CASE("a bad subject lexicon entry is an error naming file and line", "[subject]") {
  SECTION("a word in two roles") {
    const auto errors =
        lexicon_errors("subject-roles", "lexicon:\n  roles:\n    target:\n      - needed\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file.ends_with("words.yaml"));
    CHECK(errors[0].line == 4);
    CHECK(errors[0].message.find("'needed' has two meanings in 'roles'") != std::string::npos);
  }
  SECTION("an unknown role") {
    const auto errors =
        lexicon_errors("subject-role-name", "lexicon:\n  roles:\n    hope: [maybe]\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].message.find("unknown role 'hope'") != std::string::npos);
  }
  SECTION("a synonym group joining two groups") {
    const auto errors =
        lexicon_errors("subject-join", "lexicon:\n  synonyms:\n    - [staff, jobs]\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].message.find("joins two groups") != std::string::npos);
  }
}

TEST_CASE("subject rules are checked: both groups, and examples that give a head", "[subject]") {
  const auto errors = lexicon_errors("subject-rules", R"(rules:
  - id: no.head
    kind: subject
    pattern: '(?P<value>\d+) things'
    examples: [{text: '3 things', head: things}]
  - id: no.head.example
    kind: subject
    pattern: '(?P<value>\d+) (?P<head>things)'
    examples: [{text: '3 things'}]
  - id: head.on.count
    kind: count
    pattern: '(?P<num>\d+) things'
    examples: [{text: '3 things', head: things}]
)");
  auto has = [&](int line, const std::string& rule, const std::string& text) {
    for (const auto& e : errors)
      if (e.line == line && e.rule == rule && e.message.find(text) != std::string::npos)
        return true;
    return false;
  };
  CHECK(has(4, "no.head", "a subject rule needs a group (?P<head>...)"));
  CHECK(has(9, "no.head.example", "needs 'head' or 'none: true'"));
  CHECK(has(13, "head.on.count", "'head' belongs to subject rules"));
}

TEST_CASE("a frame may name its head: the votes a seat was won by are its margin", "[subject]") {
  const auto won = subject_of("The Liberal Democrats held the seat by just 38 votes.", "38 votes");
  CHECK(won.head_words == "margin");
  CHECK(won.head_rule == "subject.margin_by");
  const auto apart = subject_of("The two were 17 votes apart after the first count.", "17 votes");
  CHECK(apart.head == "margin");
  // A party's own votes are votes.
  const auto polled = subject_of("The Greens polled 2,310 votes in the ward.", "2,310 votes");
  CHECK(polled.head_words == "votes");
}

TEST_CASE("head_is: a subject rule that names its head needs no head group, others may not",
          "[subject]") {
  const auto errors = lexicon_errors("subject-head-is", R"(rules:
  - id: named.head
    kind: subject
    head_is: margin
    pattern: 'by (?P<value>\d+) votes'
    examples: [{text: 'won by 3 votes', head: margin}]
  - id: head.is.on.count
    kind: count
    head_is: margin
    pattern: '(?P<num>\d+) votes'
    examples: [{text: '3 votes', value: {lo: 3, hi: 3}}]
)");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rule == "head.is.on.count");
  CHECK(errors[0].message.find("'head_is' belongs to subject rules") != std::string::npos);
}

TEST_CASE("merge: equal figures merge only when they are about one thing", "[subject]") {
  // One year, two events: two claims.
  const auto years = claims_of("The bridge opened in 2022. The mayor was elected in 2022.");
  int dates = 0;
  for (const auto& c : years) dates += c.kind == "date";
  CHECK(dates == 2);
  // One date with a head ("opened"), the other with none and no word in
  // common: two events.
  const auto one_head = claims_of(
      "Depot news\n\nThe depot opened on 4 June. On 4 June, heavy rain swept the county.");
  CHECK(one_head.size() == 2);
  // The same event told twice is one claim.
  const auto told_twice = claims_of(
      "Depot news\n\nThe depot opened on 4 June. The new depot opened on 4 June, the firm said.");
  CHECK(told_twice.size() == 1);
  // The same sentence told twice is one claim with two positions.
  const auto copies = claims_of("Turnout was 61% in the ballot.\n\nTurnout was 61% in the ballot.");
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].also_at.size() == 1);
  // Equal figures of two heads stay apart.
  const auto heads = claims_of("Turnout was 61%. Support was 61%.");
  CHECK(heads.size() == 2);
  // Close values, or one hedged and one not, are no copies.
  const auto close =
      claims_of("Turnout was 61.2% in the ballot.\n\nTurnout was 61.3% in the ballot.");
  CHECK(close.size() == 2);
  const auto hedged =
      claims_of("Turnout was about 61% in the ballot.\n\nTurnout was 61% in the ballot.");
  CHECK(hedged.size() == 2);
}

TEST_CASE("phrases are found by their first word: a gap may open one, ties go to the first",
          "[subject]") {
  ruleset::PhraseTable table;
  table.add({{"did", "not"}, "did not", claim::Role::result});
  table.add({{"#", "threshold"}, "# threshold", claim::Role::threshold});
  table.add({{"...", "needed"}, "... needed", claim::Role::requirement});
  table.add({{"did", "not", "vote"}, "did not vote", claim::Role::result});
  table.add({});  // no words: nothing to find
  REQUIRE(table.all().size() == 4);
  auto texts = [&](std::string_view word) {
    std::vector<std::string> out;
    for (const std::size_t i : table.opening_with(ruleset::PhraseTable::hash_of(word)))
      out.push_back(table.all()[i].text);
    return out;
  };
  CHECK(texts("did") == std::vector<std::string>{"did not", "did not vote"});
  CHECK(texts("#") == std::vector<std::string>{"# threshold"});
  CHECK(texts("voted").empty());
  REQUIRE(table.opening_with_gap().size() == 1);
  CHECK(table.all()[table.opening_with_gap()[0]].text == "... needed");
  // Through the claim stage: the longest phrase nearest the figure wins.
  CHECK(subject_of("Some 40% of members did not vote in the ballot.", "40%").negated);
  CHECK(subject_of("A turnout of 40% is needed for the ballot to count.", "40%").role ==
        claim::Role::threshold);
}

TEST_CASE("the stemmer remembers what it made, and is right past what it remembers", "[subject]") {
  text::Stemmer stemmer;
  CHECK(stemmer.stem("employees") == "employe");
  CHECK(stemmer.stem("employees") == "employe");  // remembered
  // More distinct words than it keeps: each still stemmed as Snowball does.
  for (int i = 0; i < 70000; ++i) stemmer.stem("word" + std::to_string(i) + "s");
  CHECK(stemmer.stem("employees") == "employe");
  CHECK(stemmer.stem("deaths") == "death");
  text::Stemmer fresh;
  CHECK(stemmer.stem("word69999s") == fresh.stem("word69999s"));
}

TEST_CASE("merge: a caption repeating the body merges into the body's claim", "[subject]") {
  const auto dir = testing::scratch_dir("subject-caption") / "story";
  std::filesystem::create_directories(dir);
  testing::write_file(dir / "page.html", R"(<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Bakers vote | The Oven Times</title>
<meta property="og:site_name" content="The Oven Times">
<meta property="article:published_time" content="2025-05-02T09:00:00Z"></head>
<body><article><h1>Bakers vote on new rotas</h1>
<p class="standfirst">The cooperative's bakers have had their say on shift patterns.</p>
<figure><img src="a.jpg" alt=""><figcaption>About 420 bakers took part in the vote</figcaption></figure>
<p>About 420 bakers took part in the vote, the society said.</p>
<p>The new rotas start in the autumn.</p>
</article></body></html>
)");
  const auto r = testing::run(dir);
  const claim::Claim* bakers = nullptr;
  for (const auto& c : r.claims)
    if (c.text == "About 420 bakers") {
      CHECK(!bakers);  // one claim
      bakers = &c;
    }
  REQUIRE(bakers);
  CHECK(bakers->region == "body");
  REQUIRE(bakers->also_at.size() == 1);
  CHECK(bakers->also_at[0].region == "caption");
}

TEST_CASE("the subject goes to claims.jsonl and back", "[subject]") {
  const auto claims = claims_of("The council aims to build 900 homes by 2027.");
  const claim::Claim* homes = nullptr;
  for (const auto& c : claims)
    if (c.text == "900 homes") homes = &c;
  REQUIRE(homes);
  const auto j = claim::to_json(*homes);
  CHECK(j["subject"]["head"] == "home");
  CHECK(j["subject"]["role"] == "target");
  CHECK(j["subject"]["when"] == "2027");
  const auto back = claim::subject_from_json(nlohmann::json::parse(j["subject"].dump()));
  CHECK(back.head == homes->subject.head);
  CHECK(back.terms == homes->subject.terms);
  CHECK(back.role == claim::Role::target);
}

TEST_CASE("per: the time or unit a figure is per, from the lexicon or a span in the clause",
          "[subject]") {
  CHECK(subject_of("Members pay £240 a year to join.", "£240").per == "year");
  CHECK(subject_of("Rents rose 0.4% over the month.", "0.4%").per == "month");
  CHECK(subject_of("Over the month, rents rose 0.4%.", "0.4%").per == "month");
  CHECK(subject_of("Annual rent growth was 6%.", "6%").per == "year");
  CHECK(subject_of("A harbour pass costs £6 a day.", "£6").per == "day");
  CHECK(subject_of("The fund has lost 18% over the past nine months.", "18%").per ==
        "over 9 months");
  CHECK(subject_of("Rents rose 0.4% in Leeds.", "0.4%").per.empty());
  CHECK(subject_of("The fund lost 18% over the past 12 months.", "18%").per == "year");
  // Not a per: a time ago, a word far off, a sentence served.
  CHECK(subject_of("Inflation was 6.1% a year ago.", "6.1%").per.empty());
  CHECK(subject_of("The annual conference of the union heard that 300 delegates voted.",
                   "300 delegates")
            .per.empty());
  CHECK(subject_of("Smith was jailed for six years for stealing £3.1m.", "£3.1m").per.empty());
  // A unit too: "per kWh", "a share".
  CHECK(subject_of("The unit rate rises to 21.3p per kWh.", "21.3p").per == "kwh");
  CHECK(subject_of("Holders get a dividend of 4.1p a share.", "4.1p").per == "share");
  // The figure a price moves to is per what the one it moves from is.
  CHECK(subject_of("Gas climbs from 5.9p per kWh to 6.6p.", "6.6p").per == "kwh");
  CHECK(subject_of("Parking goes from £4 a day to £5.", "£5").per == "day");
}

TEST_CASE("roles: a date takes role words only from beside it", "[subject][role]") {
  using claim::Role;
  CHECK(subject_of("The fee must be paid by 3 June.", "3 June").role == Role::requirement);
  // "must" is about the sum still to be decided, not the date of the hearing.
  CHECK(subject_of("A hearing on how much the pair must repay will take place in June.", "June")
            .role == Role::result);
}

TEST_CASE("roles: the figure a change starts from is the previous one", "[subject][role]") {
  using claim::Role;
  CHECK(subject_of("The fee is £310, up 5% from £295 previously.", "£295").role == Role::previous);
  CHECK(subject_of("The cap moves from the existing £1,290 to £1,340.", "£1,290").role ==
        Role::previous);
  CHECK(subject_of("The cap moves from the existing £1,290 to £1,340.", "£1,340").role ==
        Role::result);
  CHECK(subject_of("Bills rise from the present £980 a year to £1,020.", "£980").role ==
        Role::previous);
  CHECK(subject_of("Analysts see £3.05, against £2.80 currently.", "£2.80").role == Role::previous);
  // Role words a rule reads into the figure itself.
  CHECK(subject_of("Confirmed cases have reached 31, up from 19 on Monday.", "19").role ==
        Role::previous);
  CHECK(subject_of("Fares will rise from £2.80 currently to £3.05.", "£2.80").role ==
        Role::previous);
}

TEST_CASE("when: a date beyond another figure of the clause is that figure's", "[subject]") {
  // One before the figure still dates it.
  CHECK(subject_of("In April 2024, the rate fell 0.8 points to 2.3%.", "2.3%").when == "2024-04");
  CHECK(subject_of("At 44%, turnout was the best since 51% in May 2021.", "44%").when.empty());
  CHECK(subject_of("At 44%, turnout was the best since 51% in May 2021.", "51%").when == "2021-05");
}

TEST_CASE("frames: from # to #, asides, figures knocked off, parts of a whole", "[subject]") {
  CHECK(subject_of("The fare cap moves up from the existing £2.50 to £2.80.", "£2.80").head_words ==
        "cap");
  CHECK(subject_of("The new fee, which covers two visits, is £240.", "£240").head_words == "fee");
  CHECK(subject_of("Operating profit, its main gauge, fell back 2.1%.", "2.1%").head_words ==
        "profit");
  CHECK(subject_of("The warning knocked 9 per cent off the shares.", "9 per cent").head_words ==
        "shares");
  CHECK(subject_of("Annual sales had dropped 4% by March.", "4%").head_words == "sales");
  CHECK(subject_of("Turnout in Eastbrook and Moor was confirmed at a fairly low 31.2%.", "31.2%")
            .head_words == "turnout");
  CHECK(subject_of("Savers were promised a 9 per cent annual return.", "9 per cent").head_words ==
        "return");
  // A role word after the figure gives the role, not the head.
  const auto forecast = subject_of("Growth beat the 1.4% forecast.", "1.4%");
  CHECK(forecast.role == claim::Role::forecast);
  CHECK(forecast.head.empty());
  // A word that says when is no head: "£900 previously".
  CHECK(subject_of("The fee is £950, up from £900 previously.", "£900").head.empty());
}

TEST_CASE("the month a statistic covers is its subject's time, not a claim of its own",
          "[subject][claim]") {
  auto dates_in = [](const std::string& text) {
    std::vector<std::string> dates;
    for (const auto& c : testing::claims_of(text, "2025-06-10"))
      if (c.kind == "date") dates.push_back(c.text);
    return dates;
  };
  // Just after the figure, or opening its sentence: the period it covers.
  CHECK(dates_in("Unemployment rose to 4.4% in May, the agency said.").empty());
  CHECK(dates_in("In May, unemployment rose to 4.4%.").empty());
  CHECK(dates_in("Rents rose 6.1% in the year to April.").empty());
  const auto covered = subject_of("Unemployment rose to 4.4% in May, the agency said.", "4.4%");
  CHECK(covered.when == "2025-05");
  // A day, a past period and a month with no figure beside it are facts.
  CHECK(dates_in("The shares fell 4% on Monday 9 June.").size() == 1);
  CHECK(dates_in("Unemployment peaked at 8.1% in October 2022.").size() == 1);
  CHECK(dates_in("Prices eased in May.").size() == 1);
  CHECK(dates_in("In May 2025, unemployment rose to 4.4%.").empty());
}

TEST_CASE("the article's own date after a label, or opening its text, is a dateline",
          "[subject][claim]") {
  auto dates_in = [](const std::string& text) {
    std::size_t n = 0;
    for (const auto& c : testing::claims_of(text, "2025-06-10")) n += c.kind == "date";
    return n;
  };
  CHECK(dates_in("Published June 10, 2025 | 09:30\n\nThe ferry fare rose to £9.") == 0);
  CHECK(dates_in("2025-06-10 The ferry fare rose to £9 on 2 June.") == 1);
  // Another day after the label, or the article's day in its text, stays.
  CHECK(dates_in("Updated: June 2, 2025\n\nThe fare rose to £9.") == 1);
  CHECK(dates_in("The fare rose to £9 on 10 June 2025.") == 1);
  CHECK(dates_in("The report, published on 10 June 2025, found fares rose to £9.") == 1);
}

TEST_CASE("direction: a share that rises or falls is a change with a sign", "[subject]") {
  const auto fell = subject_of("The shares fell 4% in early trading.", "4%");
  CHECK(fell.direction == "down");
  CHECK(fell.role == claim::Role::change);
  CHECK(subject_of("The shares were 6% higher at noon.", "6%").direction == "up");
  CHECK(subject_of("Sales posted a 3% rise.", "3%").direction == "up");
  // A level is no change: "fell to 4%".
  const auto level = subject_of("Inflation fell to 4% in the spring.", "4%");
  CHECK(level.direction.empty());
  CHECK(level.role == claim::Role::result);
  // Sums and counts keep no direction: "lost £180,000" is what was lost.
  CHECK(subject_of("The couple lost £180,000.", "£180,000").direction.empty());
  // Words that only lead into the figure stand between no phrase and it.
  CHECK(subject_of("Ticket sales crept up by just 0.4% over the summer.", "0.4%").direction ==
        "up");
  CHECK(subject_of("Factory output grew by merely 0.2% in May.", "0.2%").direction == "up");
  CHECK(subject_of("Fares went up a further 2% in March.", "2%").direction == "up");
}

TEST_CASE("a date's head is what happened on it; a month or a day is no head", "[subject]") {
  // 2025-06-10 is a Tuesday.
  CHECK(subject_of("The library closed its doors on Friday 6 June.", "Friday").head == "close");
  CHECK(subject_of("The clinic will open from Thursday.", "Thursday").head == "open");
  CHECK(subject_of("The pool shut on 2 June, the council said.", "2 June").head == "shut");
  // The end of a span follows the start's month, not a word of the event.
  const auto end =
      subject_of("Roads will close from Thursday 12 June until Monday 23 June.", "23 June");
  CHECK(end.head.empty());
  CHECK(
      subject_of("Roads will close from Thursday 12 June until Monday 23 June.", "Thursday 12 June")
          .head == "close");
  // A stop word ("announced") names nothing.
  CHECK(subject_of("The closure of the bridge was announced on 2 June.", "2 June").head.empty());
}

TEST_CASE("a previous value printed right after a figure is of that figure's head",
          "[subject][role]") {
  const std::string text = "The outbreak has 73 confirmed cases, up from 61 on Friday.";
  const auto before = subject_of(text, "61", claim::Role::previous);
  CHECK(before.head == "case");
  // Words between them ("and") make it a figure of its own.
  const auto apart =
      subject_of("The outbreak has 73 confirmed cases and up from 61 on Friday.", "61");
  CHECK(apart.head.empty());
}

TEST_CASE("a count of people is of what befell them; a count's own words are terms", "[subject]") {
  const auto admitted = subject_of("Seven people have been admitted to the ward.", "Seven people");
  CHECK(admitted.head_words == "admitted");
  CHECK(admitted.head_rule == "subject.people_verb");
  // A verb the lexicon does not list says nothing of what is counted.
  CHECK(subject_of("About 300 people attended the rally.", "300 people").head == "peopl");
  // "12 hospital admissions": "hospital" says which admissions.
  const auto admissions = subject_of("The team recorded 12 hospital admissions.", "12");
  CHECK(admissions.head == stem("admissions"));
  REQUIRE_FALSE(admissions.terms.empty());
  CHECK(admissions.terms.front() == stem("hospital"));
}

TEST_CASE("terms: a bullet, a dash or a sign is no word", "[subject]") {
  const auto s =
      subject_of("• Around 40% of the crews — all of them — will go ✓ 🔴 ✅️", "40%");
  for (const auto& t : s.terms) CHECK(has_letter_or_digit(t));
  CHECK(s.head == "crew");
  CHECK(s.terms == std::vector<std::string>{"go"});
}

TEST_CASE("a bare whole number a subject rule names is a count of its head", "[subject]") {
  for (const auto& c : claims_of("Flu cases rise to 58 across the county.")) {
    if (c.text.find("58") == std::string::npos) continue;
    CHECK(c.kind == "count");
    CHECK(c.value.unit == "count");
    CHECK(c.subject.head == "case");
  }
  bool found = false;
  for (const auto& c : claims_of("Of its 5,000 staff, just over 900 work in Wales.")) {
    if (c.text.find("900") == std::string::npos) continue;
    found = true;
    CHECK(c.kind == "count");
    CHECK(c.subject.head == "work");
  }
  CHECK(found);
}
