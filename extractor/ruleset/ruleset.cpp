#include "ruleset/ruleset.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace fs = std::filesystem;

namespace claimdiff::ruleset {

namespace {

const std::set<std::string> kFileKeys = {"pack",   "version",    "description",
                                         "macros", "attributes", "rules"};
const std::set<std::string> kRuleKeys = {
    "id",        "kind",  "pattern",    "priority",  "case_sensitive", "attribute",  "base",
    "scope",     "place", "region",     "extent",    "field",          "hedge",      "unit",
    "max_chars", "role",  "not_before", "not_after", "must_before",    "must_after", "note",
    "examples",  "take",  "scope_from", "match_on",  "share_of"};
const std::set<std::string> kFieldKeys = {
    "attribute", "base",      "scope", "place", "region",     "extent",   "field",   "hedge",
    "unit",      "max_chars", "role",  "take",  "scope_from", "match_on", "share_of"};
const std::set<std::string> kExampleKeys = {"text", "value", "none", "ref_date", "region", "note"};
const std::set<std::string> kQuantityKinds = {"count",  "percentage", "money",  "date",   "ratio",
                                              "number", "trap",       "points", "ordinal"};

int line_of(const YAML::Node& node) {
  return node.Mark().line + 1;
}

nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = to_json(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& item : node) j.push_back(to_json(item));
      return j;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: always a string
      if (s == "null" || s == "~") return nullptr;
      if (s == "true") return true;
      if (s == "false") return false;
      try {
        std::size_t used = 0;
        const double d = std::stod(s, &used);
        if (used == s.size()) return d;
      } catch (...) {
      }
      return s;
    }
    default:
      return nullptr;
  }
}

struct RawRule {
  YAML::Node node;
  std::string file;
  std::string pack;
};

class Loader {
 public:
  LoadResult run(const std::vector<fs::path>& roots) {
    for (const auto& root : roots) collect_files(root);
    for (const auto& [file, pack] : files_) parse_file(file, pack);
    for (auto& raw : raw_rules_) build_rule(raw);
    build_filter();
    return std::move(result_);
  }

 private:
  void error(const std::string& file, int line, const std::string& rule, std::string message) {
    result_.errors.push_back({file, line, rule, std::move(message)});
  }

  void collect_files(const fs::path& root) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      add_file(root, root.parent_path().filename().string());
      return;
    }
    if (!fs::is_directory(root, ec)) {
      error(root.string(), 0, "", "rules folder not found");
      return;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto ext = it->path().extension();
      if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(ec)) found.push_back(it->path());
    }
    if (ec) error(root.string(), 0, "", "cannot list rules folder: " + ec.message());
    std::sort(found.begin(), found.end());
    for (const auto& f : found) {
      // A pack is the folder a file sits in; a root that holds files directly is a pack itself.
      const fs::path parent = f.parent_path();
      std::string pack = parent.filename().string();
      if (pack.empty()) pack = root.filename().string();
      add_file(f, pack);
    }
  }

  // A file reached twice (a built-in pack also given with --rules) is read once.
  void add_file(const fs::path& file, const std::string& pack) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (!seen_.insert(ec ? file : canonical).second) return;
    files_.emplace_back(file.string(), pack);
  }

  void parse_file(const std::string& file, const std::string& pack) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file);
    } catch (const YAML::Exception& e) {
      error(file, e.mark.line + 1, "", "YAML error: " + e.msg);
      return;
    }
    result_.rules.files.push_back(file);
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) {
      error(file, line_of(root), "", "a rule file is a map with 'macros' and/or 'rules'");
      return;
    }
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (!kFileKeys.count(key)) error(file, line_of(kv.first), "", "unknown key '" + key + "'");
    }
    if (root["version"]) result_.rules.pack_versions[pack] = root["version"].as<std::string>();
    if (const YAML::Node labels = root["attributes"]) {
      if (!labels.IsMap())
        error(file, line_of(labels), "", "'attributes' must be a map of attribute: label");
      else
        for (const auto& kv : labels)
          result_.rules.labels[kv.first.as<std::string>()] = kv.second.as<std::string>();
    }
    if (const YAML::Node macros = root["macros"]) {
      if (!macros.IsMap()) {
        error(file, line_of(macros), "", "'macros' must be a map of NAME: pattern");
      } else {
        for (const auto& kv : macros) {
          const std::string name = kv.first.as<std::string>();
          if (!kv.second.IsScalar()) {
            error(file, line_of(kv.second), "", "macro " + name + " must be a string");
          } else if (macros_.count(name)) {
            error(file, line_of(kv.first), "",
                  "macro " + name + " is defined twice (also in " + macro_files_[name] + ")");
          } else {
            macros_[name] = kv.second.as<std::string>();
            macro_files_[name] = file;
          }
        }
      }
    }
    if (const YAML::Node rules = root["rules"]) {
      if (!rules.IsSequence()) {
        error(file, line_of(rules), "", "'rules' must be a list");
        return;
      }
      for (const auto& r : rules) raw_rules_.push_back({r, file, pack});
    }
  }

  // Expands {{NAME}} recursively; undefined and recursive macros are errors.
  bool expand(const std::string& in, std::string& out, std::vector<std::string>& stack,
              std::string& problem) {
    out.clear();
    for (std::size_t pos = 0; pos < in.size();) {
      const std::size_t open = in.find("{{", pos);
      if (open == std::string::npos) {
        out.append(in, pos, std::string::npos);
        break;
      }
      const std::size_t close = in.find("}}", open + 2);
      if (close == std::string::npos) {
        problem = "unclosed '{{' in pattern";
        return false;
      }
      out.append(in, pos, open - pos);
      const std::string name = in.substr(open + 2, close - open - 2);
      auto it = macros_.find(name);
      if (it == macros_.end()) {
        problem = "undefined macro {{" + name + "}}";
        return false;
      }
      if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
        std::string chain;
        for (const auto& s : stack) chain += s + " -> ";
        problem = "recursive macro: " + chain + name;
        return false;
      }
      stack.push_back(name);
      std::string inner;
      if (!expand(it->second, inner, stack, problem)) return false;
      stack.pop_back();
      out += "(?:" + inner + ")";
      pos = close + 2;
    }
    return true;
  }

  std::shared_ptr<const re2::RE2> compile(const std::string& pattern, bool case_sensitive,
                                          std::string& problem) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const re2::RE2>((case_sensitive ? "" : "(?i)") + pattern, options);
    if (!re->ok()) {
      problem = re->error();
      if (!re->error_arg().empty()) problem += " (at '" + re->error_arg() + "')";
      return nullptr;
    }
    return re;
  }

  void build_rule(const RawRule& raw) {
    const YAML::Node& node = raw.node;
    const int line = line_of(node);
    if (!node.IsMap()) {
      error(raw.file, line, "", "a rule must be a map");
      return;
    }
    Rule rule;
    rule.file = raw.file;
    rule.pack = raw.pack;
    rule.line = line;
    const std::string id = node["id"] && node["id"].IsScalar() ? node["id"].as<std::string>() : "";
    bool ok = true;
    auto fail = [&](int at, std::string message) {
      error(raw.file, at, id, std::move(message));
      ok = false;
    };
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      if (!kRuleKeys.count(key)) fail(line_of(kv.first), "unknown key '" + key + "'");
    }
    if (id.empty()) return fail(line, "rule has no 'id'");
    if (!ids_.insert(id).second) return fail(line, "duplicate rule id");
    rule.id = id;
    if (!node["kind"] || !node["pattern"]) return fail(line, "rule needs 'kind' and 'pattern'");
    rule.kind = node["kind"].as<std::string>();
    rule.pattern = node["pattern"].as<std::string>();
    try {
      if (node["priority"]) rule.priority = node["priority"].as<int>();
      if (node["case_sensitive"]) rule.case_sensitive = node["case_sensitive"].as<bool>();
    } catch (const YAML::Exception& e) {
      return fail(line_of(node["priority"] ? node["priority"] : node), "bad value: " + e.msg);
    }
    for (const auto& key : kFieldKeys)
      if (node[key]) rule.fields[key] = node[key].as<std::string>();

    if (rule.fields.count("attribute")) {
      rule.layer = Layer::attribute;
    } else if (kQuantityKinds.count(rule.kind)) {
      rule.layer = Layer::quantity;
    } else if (rule.kind == "speaker") {
      rule.layer = Layer::speaker;
    } else if (rule.kind == "scope") {
      rule.layer = Layer::scope;
    } else if (rule.kind == "region" || rule.kind == "meta") {
      rule.layer = Layer::furniture;
    } else {
      return fail(line_of(node["kind"]), "unknown kind '" + rule.kind + "'");
    }

    std::vector<std::string> stack;
    std::string problem;
    if (!expand(rule.pattern, rule.expanded, stack, problem))
      return fail(line_of(node["pattern"]), problem);
    rule.re = compile(rule.expanded, rule.case_sensitive, problem);
    if (!rule.re) return fail(line_of(node["pattern"]), "RE2: " + problem);
    rule.group_names.assign(static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1, "");
    for (const auto& [name, index] : rule.re->NamedCapturingGroups())
      rule.group_names[static_cast<std::size_t>(index)] = name;
    auto has_group = [&](const char* name) {
      return std::find(rule.group_names.begin(), rule.group_names.end(), name) !=
             rule.group_names.end();
    };
    if (rule.layer == Layer::attribute && !has_group("value"))
      return fail(line_of(node["pattern"]), "an attribute rule needs a group (?P<value>...)");
    if (rule.layer == Layer::speaker && !has_group("who"))
      return fail(line_of(node["pattern"]), "a speaker rule needs a group (?P<who>...)");
    if (rule.layer == Layer::scope) {
      if (rule.field("scope").empty()) return fail(line, "a scope rule needs 'scope: <name>'");
      const std::string& on = rule.field("match_on");
      if (!on.empty() && on != "sentence" && on != "counted")
        return fail(line, "match_on must be sentence or counted");
    }
    if (const std::string& take = rule.field("take"); !take.empty() && take != "previous")
      return fail(line, "take must be 'previous' (the figure before a change)");
    if (const std::string& from = rule.field("scope_from"); !from.empty() && from != "counted")
      return fail(line, "scope_from must be 'counted' (the noun a count counts)");
    if (rule.kind == "meta") {
      if (!has_group("value"))
        return fail(line_of(node["pattern"]), "a meta rule needs a group (?P<value>...)");
      const std::string& field = rule.field("field");
      if (field != "outlet" && field != "published" && field != "author")
        return fail(line, "a meta rule needs 'field: outlet|published|author'");
    }
    if (rule.kind == "region") {
      if (!text::region_from_string(rule.field("region")))
        return fail(line, "unknown region '" + rule.field("region") + "'");
      const std::string& extent = rule.field("extent");
      if (!extent.empty() && extent != "block" && extent != "rest" && extent != "sentence")
        return fail(line, "extent must be block, rest or sentence");
    }

    for (const char* key : {"not_before", "not_after", "must_before", "must_after"}) {
      if (!node[key]) continue;
      std::string expanded;
      if (!expand(node[key].as<std::string>(), expanded, stack, problem))
        return fail(line_of(node[key]), problem);
      const bool before = std::string_view(key).ends_with("before");
      auto re = compile(before ? "(?:" + expanded + ")\\s*$" : "^\\s*(?:" + expanded + ")",
                        rule.case_sensitive, problem);
      if (!re) return fail(line_of(node[key]), std::string(key) + ": RE2: " + problem);
      rule.context.push_back({re, before, std::string_view(key).starts_with("must")});
    }

    const YAML::Node examples = node["examples"];
    if (!examples || !examples.IsSequence() || examples.size() == 0)
      return fail(line, "rule has no examples (every rule carries its own tests)");
    for (const auto& ex : examples) {
      Example e;
      e.line = line_of(ex);
      if (!ex.IsMap() || !ex["text"]) {
        fail(e.line, "an example needs 'text'");
        continue;
      }
      for (const auto& kv : ex) {
        const std::string key = kv.first.as<std::string>();
        if (!kExampleKeys.count(key)) fail(line_of(kv.first), "unknown example key '" + key + "'");
      }
      e.text = ex["text"].as<std::string>();
      if (ex["none"]) e.none = ex["none"].as<bool>();
      if (ex["value"]) e.value = to_json(ex["value"]);
      if (ex["ref_date"]) e.ref_date = ex["ref_date"].as<std::string>();
      if (ex["region"]) e.region = ex["region"].as<std::string>();
      if (!e.none && e.value.is_null() && e.region.empty() && rule.kind != "speaker" &&
          rule.kind != "meta" && rule.kind != "scope")
        fail(e.line, "an example needs 'value', 'region' or 'none: true'");
      rule.examples.push_back(std::move(e));
    }
    if (ok) result_.rules.rules.push_back(std::move(rule));
  }

  void build_filter() {
    RuleSet& set = result_.rules;
    auto build = [&](RuleSet::Filter& filter, auto wanted, const char* name) {
      re2::RE2::Options options;
      options.set_log_errors(false);
      // All of a layer's rules in one automaton: RE2's default 8 MB is too small.
      options.set_max_mem(int64_t{256} << 20);
      filter.set = std::make_unique<re2::RE2::Set>(options, re2::RE2::UNANCHORED);
      for (std::size_t i = 0; i < set.rules.size(); ++i) {
        const Rule& rule = set.rules[i];
        if (!wanted(rule)) continue;
        std::string problem;
        if (filter.set->Add((rule.case_sensitive ? "" : "(?i)") + rule.expanded, &problem) < 0) {
          error(rule.file, rule.line, rule.id, "RE2::Set: " + problem);
          continue;
        }
        filter.rules.push_back(i);
      }
      if (!filter.rules.empty() && !filter.set->Compile())
        error("", 0, "",
              std::string("RE2::Set: the ") + name + " rules are too large to compile together");
    };
    auto in = [](Layer layer) { return [layer](const Rule& r) { return r.layer == layer; }; };
    build(set.quantity_filter, in(Layer::quantity), "quantity");
    build(set.speaker_filter, in(Layer::speaker), "speaker");
    // Scope cues matter only where a figure is, like attributes: one automaton.
    build(
        set.attribute_filter,
        [](const Rule& r) {
          return r.layer == Layer::attribute ||
                 (r.layer == Layer::scope && r.field("match_on") != "counted");
        },
        "attribute");
  }

  LoadResult result_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::set<fs::path> seen_;
  std::map<std::string, std::string> macros_, macro_files_;
  std::vector<RawRule> raw_rules_;
  std::set<std::string> ids_;
};

bool context_ok(const Rule& rule, std::string_view s, std::size_t b, std::size_t e) {
  constexpr std::size_t kWindow = 120;
  for (const auto& check : rule.context) {
    const std::size_t from = check.before ? (b > kWindow ? b - kWindow : 0) : e;
    const std::size_t to = check.before ? b : std::min(s.size(), e + kWindow);
    const bool hit = re2::RE2::PartialMatch(s.substr(from, to - from), *check.pattern);
    if (hit != check.must) return false;
  }
  return true;
}

}  // namespace

const std::string& Rule::field(const std::string& key) const {
  static const std::string empty;
  auto it = fields.find(key);
  return it == fields.end() ? empty : it->second;
}

std::string Error::format() const {
  std::string s = file.empty() ? "rules" : file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!rule.empty()) s += "rule '" + rule + "': ";
  return s + message;
}

text::Cues RuleSet::cues() const {
  text::Cues cues;
  // Higher priority cues are tried first; load order breaks ties.
  std::vector<const Rule*> ordered;
  for (const Rule& rule : rules) ordered.push_back(&rule);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Rule* a, const Rule* b) { return a->priority > b->priority; });
  for (const Rule* r : ordered) {
    const Rule& rule = *r;
    if (rule.kind == "region") {
      text::RegionCue cue;
      cue.id = rule.id;
      cue.region = *text::region_from_string(rule.field("region"));
      const std::string& extent = rule.field("extent");
      cue.extent = extent == "rest"       ? text::CueExtent::rest
                   : extent == "sentence" ? text::CueExtent::sentence
                                          : text::CueExtent::block;
      cue.pattern = rule.re;
      if (!rule.field("max_chars").empty())
        cue.max_block_chars = std::stoul(rule.field("max_chars"));
      cues.regions.push_back(std::move(cue));
    } else if (rule.kind == "meta") {
      const std::string& f = rule.field("field");
      cues.meta.push_back({rule.id,
                           f == "published" ? text::MetaField::published
                           : f == "author"  ? text::MetaField::author
                                            : text::MetaField::outlet,
                           rule.re});
    }
  }
  return cues;
}

LoadResult load(const std::vector<fs::path>& roots) {
  return Loader().run(roots);
}

const Group* Mention::group(std::string_view name) const {
  for (const auto& g : groups)
    if (g.name == name) return &g;
  return nullptr;
}

std::vector<Mention> match(const RuleSet& rules, std::string_view text, std::size_t begin,
                           std::size_t end) {
  const std::string_view s = text.substr(begin, end - begin);
  // Rule indexes whose layer filter says they can match here.
  std::vector<std::size_t> candidates;
  auto filter = [&](const RuleSet::Filter& f) {
    if (!f.set || f.rules.empty()) return;
    std::vector<int> hits;
    re2::RE2::Set::ErrorInfo info{};
    if (f.set->Match(s, &hits, &info)) {
      for (int hit : hits) candidates.push_back(f.rules[static_cast<std::size_t>(hit)]);
    } else if (info.kind != re2::RE2::Set::kNoError) {
      // The filter's DFA ran out of memory on this text: run every rule of
      // the layer rather than miss a figure.
      candidates.insert(candidates.end(), f.rules.begin(), f.rules.end());
    }
  };
  filter(rules.quantity_filter);
  const bool figures = std::any_of(candidates.begin(), candidates.end(),
                                   [&](std::size_t r) { return rules.rules[r].kind != "trap"; });
  filter(rules.speaker_filter);  // also without figures: a quote's attribution
  if (figures) filter(rules.attribute_filter);
  std::sort(candidates.begin(), candidates.end());

  std::vector<Mention> quantities, others;
  std::vector<re2::StringPiece> sub;
  for (const std::size_t index : candidates) {
    const Rule& rule = rules.rules[index];
    sub.assign(rule.group_names.size(), re2::StringPiece());
    std::size_t pos = 0;
    while (pos <= s.size() && rule.re->Match(s, pos, s.size(), re2::RE2::UNANCHORED, sub.data(),
                                             static_cast<int>(sub.size()))) {
      const std::size_t mb = static_cast<std::size_t>(sub[0].data() - s.data());
      const std::size_t me = mb + sub[0].size();
      if (me > mb && context_ok(rule, s, mb, me)) {
        Mention m{index, begin + mb, begin + me, {}};
        for (std::size_t g = 1; g < sub.size(); ++g) {
          if (rule.group_names[g].empty() || sub[g].data() == nullptr) continue;
          const std::size_t gb = static_cast<std::size_t>(sub[g].data() - s.data());
          m.groups.push_back({rule.group_names[g], begin + gb, begin + gb + sub[g].size()});
        }
        (rule.layer == Layer::quantity ? quantities : others).push_back(std::move(m));
        pos = me;
      } else {
        // Retry one character on: a failed context check may hide a later match.
        pos = mb + 1;
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
      }
    }
  }

  // Resolve overlapping figures deterministically.
  std::sort(quantities.begin(), quantities.end(), [&](const Mention& a, const Mention& b) {
    const int pa = rules.rules[a.rule].priority, pb = rules.rules[b.rule].priority;
    return std::make_tuple(-pa, -(long)(a.end - a.begin), a.begin, a.rule) <
           std::make_tuple(-pb, -(long)(b.end - b.begin), b.begin, b.rule);
  });
  std::vector<Mention> result;
  for (auto& m : quantities) {
    bool overlaps = false;
    for (const auto& kept : result)
      if (m.begin < kept.end && kept.begin < m.end) {
        overlaps = true;
        break;
      }
    if (!overlaps) result.push_back(std::move(m));
  }
  for (auto& m : others) result.push_back(std::move(m));
  std::sort(result.begin(), result.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule);
  });
  return result;
}

}  // namespace claimdiff::ruleset
