#include "ruleset/ruleset.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ostream>
#include <set>
#include <tuple>

#include "ruleset/lexicon_load.h"
#include "util/names.h"
#include "util/utf8.h"

namespace fs = std::filesystem;

namespace claimdiff::ruleset {

namespace {

const std::set<std::string> kFileKeys = {"pack",       "version", "description", "macros",
                                         "attributes", "rules",   "lexicon"};
const std::set<std::string> kExampleKeys = {"text",   "value", "none", "ref_date",
                                            "region", "head",  "note"};

constexpr util::NameTable<Kind, 16> kKindNames = {{
    {Kind::count, "count"},
    {Kind::percentage, "percentage"},
    {Kind::money, "money"},
    {Kind::date, "date"},
    {Kind::ratio, "ratio"},
    {Kind::number, "number"},
    {Kind::points, "points"},
    {Kind::measure, "measure"},
    {Kind::duration, "duration"},
    {Kind::ordinal, "ordinal"},
    {Kind::trap, "trap"},
    {Kind::speaker, "speaker"},
    {Kind::scope, "scope"},
    {Kind::subject, "subject"},
    {Kind::region, "region"},
    {Kind::meta, "meta"},
}};

int line_of(const YAML::Node& node) {
  return node.Mark().line + 1;
}

nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& kv : node) j[kv.first.Scalar()] = to_json(kv.second);
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
    add_lexicon_macros();
    for (auto& raw : raw_rules_) build_rule(raw);
    build_filter();
    return std::move(result_);
  }

 private:
  using Fail = std::function<void(int, std::string)>;

  const Lexicon& lexicon() const { return result_.rules.lexicon; }

  // The lexicon's words become macros ({{HEDGE}} ...) once every pack is read.
  void add_lexicon_macros() {
    detail::finish_lexicon(result_.rules.lexicon, [&](int line, std::string message) {
      error(lexicon_file_, line, "", std::move(message));
    });
    for (auto& [name, pattern] : lexicon().macros()) {
      if (macros_.count(name)) {
        error(macro_files_[name], macro_lines_[name], "",
              "macro " + name + " is built from the lexicon; define its words there instead");
        continue;
      }
      macros_[name] = std::move(pattern);
      macro_files_[name] = "lexicon";
    }
  }

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
    try {
      read_file(file, pack);
    } catch (const YAML::Exception& e) {  // a wrongly typed node anywhere: one line, never an abort
      error(file, e.mark.line + 1, "", "YAML error: " + e.msg);
    }
  }

  // Every key and value of a pack is text that may reach a report: bytes that
  // are not UTF-8 are an error at their line (a pack is code, not input).
  // `key` and `rule` say where the node stands, for the message.
  bool valid_text(const YAML::Node& node, const std::string& file, const std::string& key = "",
                  const std::string& rule = "") {
    if (node.IsScalar() && util::first_invalid_utf8(node.Scalar()) != std::string::npos) {
      error(file, line_of(node), util::escape_invalid_utf8(rule),
            (key.empty() ? std::string("text") : "'" + util::escape_invalid_utf8(key) + "'") +
                " is not valid UTF-8 ('" + util::escape_invalid_utf8(node.Scalar()) + "')");
      return false;
    }
    bool ok = true;
    if (node.IsSequence())
      for (const auto& item : node) ok = valid_text(item, file, key, rule) && ok;
    if (node.IsMap()) {
      const YAML::Node id = node["id"];
      const std::string here = id && id.IsScalar() ? id.Scalar() : rule;
      for (const auto& kv : node)
        ok = valid_text(kv.first, file, "", here) &&
             valid_text(kv.second, file, kv.first.Scalar(), here) && ok;
    }
    return ok;
  }

  void read_file(const std::string& file, const std::string& pack) {
    if (util::first_invalid_utf8(file) != std::string::npos)
      return error(util::escape_invalid_utf8(file), 0, "", "a rule file's name is not valid UTF-8");
    YAML::Node root;
    try {
      root = YAML::LoadFile(file);
    } catch (const YAML::Exception& e) {
      error(file, e.mark.line + 1, "", "YAML error: " + e.msg);
      return;
    }
    if (!valid_text(root, file)) return;
    result_.rules.files.push_back(file);
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) {
      error(file, line_of(root), "", "a rule file is a map with 'macros' and/or 'rules'");
      return;
    }
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (!kFileKeys.count(key)) error(file, line_of(kv.first), "", "unknown key '" + key + "'");
    }
    if (root["version"] && root["version"].IsScalar())
      result_.rules.pack_versions[pack] = root["version"].Scalar();
    if (const YAML::Node lexicon = root["lexicon"]) {
      if (lexicon_file_.empty()) lexicon_file_ = file;
      detail::merge_lexicon(lexicon, result_.rules.lexicon, [&](int line, std::string message) {
        error(file, line, "", std::move(message));
      });
    }
    if (const YAML::Node labels = root["attributes"]) {
      if (!labels.IsMap())
        error(file, line_of(labels), "", "'attributes' must be a map of attribute: label");
      else
        for (const auto& kv : labels) {
          if (!kv.second.IsScalar())
            error(file, line_of(kv.second), "",
                  "the label of '" + kv.first.Scalar() + "' must be text");
          else
            result_.rules.labels[kv.first.Scalar()] = kv.second.Scalar();
        }
    }
    if (const YAML::Node macros = root["macros"]) {
      if (!macros.IsMap()) {
        error(file, line_of(macros), "", "'macros' must be a map of NAME: pattern");
      } else {
        for (const auto& kv : macros) {
          const std::string name = kv.first.Scalar();
          if (!kv.second.IsScalar()) {
            error(file, line_of(kv.second), "", "macro " + name + " must be a string");
          } else if (macros_.count(name)) {
            error(file, line_of(kv.first), "",
                  "macro " + name + " is defined twice (also in " + macro_files_[name] + ")");
          } else {
            macros_[name] = kv.second.Scalar();
            macro_files_[name] = file;
            macro_lines_[name] = line_of(kv.first);
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

  // A rule's scalar field as text; wrongly typed YAML (a list, a map) is an error.
  static std::optional<std::string> scalar_of(const YAML::Node& node, std::string& problem) {
    if (node.IsScalar()) return node.Scalar();
    problem = "must be a single value, not a " + std::string(node.IsSequence() ? "list"
                                                             : node.IsMap()    ? "map"
                                                                               : "null");
    return std::nullopt;
  }

  // How each rule field is read into the typed Rule; the table is also the
  // list of keys a rule may have.
  using FieldReader = std::function<bool(const std::string&, Rule&, std::string&)>;
  const std::map<std::string, FieldReader>& field_readers() {
    // A constant table, built once: how each key is read.
    static const std::map<std::string, FieldReader> readers = [] {
      auto text = [](std::string Rule::*member) {
        return FieldReader([member](const std::string& v, Rule& r, std::string&) {
          r.*member = v;
          return true;
        });
      };
      std::map<std::string, FieldReader> m{
          {"id", text(&Rule::id)},
          {"pattern", text(&Rule::pattern)},
          {"note", text(&Rule::note)},
          {"attribute", text(&Rule::attribute)},
          {"base", text(&Rule::base)},
          {"share_of", text(&Rule::share_of)},
          {"unit", text(&Rule::unit)},
          {"scope", text(&Rule::scope)},
          {"head_is", text(&Rule::head_is)},
          {"role", text(&Rule::role)},
          {"kind", named(kind_from_string, &Rule::kind, "kind", " (" + kind_names() + ")")},
          {"priority", integer(&Rule::priority)},
          {"max_chars",
           [](const std::string& v, Rule& r, std::string& problem) {
             int n = 0;
             if (!integer_of(v, n, problem) || n < 0) return problem = "must be a count", false;
             r.max_chars = static_cast<std::size_t>(n);
             return true;
           }},
          {"case_sensitive", flag([](Rule& r, bool b) { r.case_sensitive = b; })},
          {"scope_from",
           choice<bool>({{"counted", true}}, [](Rule& r, bool b) { r.scope_from_counted = b; })},
          {"take",
           choice<Take>({{"previous", Take::previous}}, [](Rule& r, Take t) { r.take = t; })},
          {"place", choice<Place>({{to_string(Place::office), Place::office},
                                   {to_string(Place::home), Place::home}},
                                  [](Rule& r, Place p) { r.place = p; })},
          {"match_on",
           choice<MatchOn>({{"sentence", MatchOn::sentence}, {"counted", MatchOn::counted}},
                           [](Rule& r, MatchOn o) { r.match_on = o; })},
          {"extent", choice<text::CueExtent>({{"block", text::CueExtent::block},
                                              {"rest", text::CueExtent::rest},
                                              {"sentence", text::CueExtent::sentence}},
                                             [](Rule& r, text::CueExtent e) { r.extent = e; })},
          {"field", named(text::meta_field_from_string, &Rule::meta_field, "field")},
          {"hedge", named(hedge_from_string, &Rule::hedge, "hedge")},
          {"region", named(text::region_from_string, &Rule::region, "region")},
      };
      for (const char* key : {"not_before", "not_after", "must_before", "must_after", "examples"})
        m[key] = nullptr;  // read with the rule's patterns and examples
      return m;
    }();
    return readers;
  }

  static bool integer_of(const std::string& v, int& out, std::string& problem) {
    try {
      std::size_t used = 0;
      out = std::stoi(v, &used);
      if (used == v.size()) return true;
    } catch (...) {
    }
    problem = "must be a whole number, not '" + v + "'";
    return false;
  }

  static FieldReader integer(int Rule::*member) {
    return [member](const std::string& v, Rule& r, std::string& problem) {
      return integer_of(v, r.*member, problem);
    };
  }

  // A value looked up by its name in the enum's table.
  template <class T, class Member>
  static FieldReader named(std::optional<T> (*lookup)(std::string_view), Member Rule::*member,
                           std::string what, std::string hint = "") {
    return [=](const std::string& v, Rule& r, std::string& problem) {
      const auto found = lookup(v);
      if (!found) return problem = "unknown " + what + " '" + v + "'" + hint, false;
      r.*member = *found;
      return true;
    };
  }

  static FieldReader flag(void (*set)(Rule&, bool)) {
    return choice<bool>({{"true", true}, {"false", false}}, set);
  }

  template <class T>
  static FieldReader choice(std::vector<std::pair<std::string, T>> table, void (*set)(Rule&, T)) {
    return [table, set](const std::string& v, Rule& r, std::string& problem) {
      std::string names;
      for (const auto& [name, value] : table) {
        if (name == v) return set(r, value), true;
        names += (names.empty() ? "" : ", ") + name;
      }
      problem = "must be one of " + names + ", not '" + v + "'";
      return false;
    };
  }

  static std::string kind_names() {
    std::string names;
    for (const auto& [kind, name] : kKindNames)
      names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
  }

  // Every field of the rule into its typed member; false when any is wrong.
  bool read_fields(const YAML::Node& node, Rule& rule, const Fail& fail) {
    bool ok = true;
    std::set<std::string> seen;
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      if (!seen.insert(key).second) {  // YAML would keep one silently
        fail(line_of(kv.first), "key '" + key + "' is given twice");
        ok = false;
        continue;
      }
      auto it = field_readers().find(key);
      if (it == field_readers().end()) {
        fail(line_of(kv.first), "unknown key '" + key + "'");
        ok = false;
        continue;
      }
      if (!it->second) continue;
      std::string problem;
      const auto value = scalar_of(kv.second, problem);
      if (!value || !it->second(*value, rule, problem)) {
        fail(line_of(kv.second), "'" + key + "' " + problem);
        ok = false;
      }
    }
    return ok;
  }

  // The layer follows from the kind, and from naming an attribute.
  bool assign_layer(Rule& rule, const YAML::Node& node, const Fail& fail) {
    if (!rule.attribute.empty()) {
      if (!is_figure(rule.kind))
        return fail(line_of(node["kind"]),
                    "an attribute rule's kind is the figure it labels, not '" +
                        std::string(to_string(rule.kind)) + "'"),
               false;
      rule.layer = Layer::attribute;
    } else if (is_figure(rule.kind) || rule.kind == Kind::trap) {
      rule.layer = Layer::quantity;
    } else if (rule.kind == Kind::speaker) {
      rule.layer = Layer::speaker;
    } else if (rule.kind == Kind::scope) {
      rule.layer = Layer::scope;
    } else if (rule.kind == Kind::subject) {
      rule.layer = Layer::subject;
    } else {
      rule.layer = Layer::furniture;
    }
    return true;
  }

  // Fields that mean something only on some layers, and what a layer needs.
  bool check_layer(const Rule& rule, const YAML::Node& node, const Fail& fail) {
    const int line = line_of(node);
    const bool attribute = rule.layer == Layer::attribute;
    const bool quantity = rule.layer == Layer::quantity;
    // Which rules each field means something on; anywhere else it is an error.
    const std::pair<const char*, std::pair<bool, const char*>> kWhere[] = {
        {"base", {attribute, "attribute rules"}},
        {"share_of", {attribute, "attribute rules"}},
        {"take", {attribute, "attribute rules"}},
        {"scope_from", {attribute, "attribute rules"}},
        {"unit", {quantity, "quantity rules"}},
        {"hedge", {quantity, "quantity rules"}},
        {"place", {quantity || attribute, "quantity and attribute rules"}},
        {"scope", {attribute || rule.layer == Layer::scope, "attribute and scope rules"}},
        {"role", {rule.layer == Layer::speaker, "speaker rules"}},
        {"head_is", {rule.layer == Layer::subject, "subject rules"}},
        {"match_on", {rule.layer == Layer::scope, "scope rules"}},
        {"region", {rule.kind == Kind::region, "region rules"}},
        {"extent", {rule.kind == Kind::region, "region rules"}},
        {"max_chars", {rule.kind == Kind::region, "region rules"}},
        {"field", {rule.kind == Kind::meta, "meta rules"}},
    };
    for (const auto& [field, where] : kWhere)
      if (node[field] && !where.first)
        return fail(line_of(node[field]),
                    std::string("'") + field + "' belongs to " + where.second),
               false;
    if (!rule.share_of.empty() && !result_.rules.labels.count(rule.share_of))
      return fail(line_of(node["share_of"]),
                  "share_of '" + rule.share_of + "' is not a declared attribute"),
             false;
    if (!rule.base.empty() && !lexicon().base(rule.base))
      return fail(line_of(node["base"]), "base '" + rule.base + "' is not in the lexicon's bases"),
             false;
    if (attribute && !result_.rules.labels.count(rule.attribute))
      return fail(line_of(node["attribute"]),
                  "attribute '" + rule.attribute + "' is not declared in any 'attributes:' map"),
             false;
    if (rule.layer == Layer::scope && rule.scope.empty())
      return fail(line, "a scope rule needs 'scope: <name>'"), false;
    if (rule.kind == Kind::region && !node["region"])
      return fail(line, "a region rule needs 'region: <name>'"), false;
    if (rule.kind == Kind::meta && !node["field"])
      return fail(line, "a meta rule needs 'field: outlet|published|author'"), false;
    auto needs_group = [&](bool applies, const char* group, const char* what) {
      if (applies && std::find(rule.group_names.begin(), rule.group_names.end(), group) ==
                         rule.group_names.end())
        return fail(line_of(node["pattern"]),
                    std::string("a ") + what + " rule needs a group (?P<" + group + ">...)"),
               false;
      return true;
    };
    const bool subject = rule.layer == Layer::subject;
    return needs_group(attribute, "value", "attribute") &&
           needs_group(subject, "value", "subject") &&
           needs_group(subject && rule.head_is.empty(), "head", "subject") &&
           needs_group(rule.layer == Layer::speaker, "who", "speaker") &&
           needs_group(rule.kind == Kind::meta, "value", "meta");
  }

  // Expands and compiles the pattern; records the group names by index.
  bool compile_pattern(Rule& rule, const YAML::Node& node, const Fail& fail) {
    std::vector<std::string> stack;
    std::string problem;
    if (!expand(rule.pattern, rule.expanded, stack, problem))
      return fail(line_of(node["pattern"]), problem), false;
    rule.re = compile(rule.expanded, rule.case_sensitive, problem);
    if (!rule.re) return fail(line_of(node["pattern"]), "RE2: " + problem), false;
    rule.group_names.assign(static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1, "");
    for (const auto& [name, index] : rule.re->NamedCapturingGroups())
      rule.group_names[static_cast<std::size_t>(index)] = name;
    return true;
  }

  // not_before / must_after ...: patterns checked on the text beside a match.
  bool read_context(Rule& rule, const YAML::Node& node, const Fail& fail) {
    for (const char* key : {"not_before", "not_after", "must_before", "must_after"}) {
      if (!node[key]) continue;
      std::string problem, expanded;
      std::vector<std::string> stack;
      const auto written = scalar_of(node[key], problem);
      if (!written) return fail(line_of(node[key]), std::string("'") + key + "' " + problem), false;
      if (!expand(*written, expanded, stack, problem))
        return fail(line_of(node[key]), problem), false;
      const bool before = std::string_view(key).ends_with("before");
      auto re = compile(before ? "(?:" + expanded + ")\\s*$" : "^\\s*(?:" + expanded + ")",
                        rule.case_sensitive, problem);
      if (!re) return fail(line_of(node[key]), std::string(key) + ": RE2: " + problem), false;
      rule.context.push_back({re, before, std::string_view(key).starts_with("must")});
    }
    return true;
  }

  // One example; false when it is malformed.
  bool read_example(const YAML::Node& ex, const Rule& rule, Example& e, const Fail& fail) {
    e.line = line_of(ex);
    if (!ex.IsMap() || !ex["text"]) return fail(e.line, "an example needs 'text'"), false;
    bool ok = true;
    std::string problem;
    auto text_field = [&](const char* key, std::string& into) {
      if (!ex[key]) return;
      if (auto v = scalar_of(ex[key], problem))
        into = *v;
      else
        ok = false, fail(line_of(ex[key]), std::string("example '") + key + "' " + problem);
    };
    std::set<std::string> seen;
    for (const auto& kv : ex) {
      const std::string key = kv.first.Scalar();
      if (!kExampleKeys.count(key))
        ok = false, fail(line_of(kv.first), "unknown example key '" + key + "'");
      else if (!seen.insert(key).second)  // YAML would keep one silently
        ok = false, fail(line_of(kv.first), "example key '" + key + "' is given twice");
    }
    text_field("text", e.text);
    text_field("ref_date", e.ref_date);
    text_field("region", e.region);
    text_field("head", e.head);
    if (!e.head.empty() && rule.layer != Layer::subject)
      ok = false, fail(line_of(ex["head"]), "example 'head' belongs to subject rules");
    std::string none;
    text_field("none", none);
    if (!none.empty() && none != "true" && none != "false")
      ok = false,
      fail(line_of(ex["none"]), "example 'none' must be true or false, not '" + none + "'");
    e.none = none == "true";
    if (ex["value"]) e.value = to_json(ex["value"]);
    const bool names_something = rule.kind == Kind::speaker || rule.kind == Kind::meta ||
                                 rule.kind == Kind::scope || rule.kind == Kind::trap;
    if (ok && rule.layer == Layer::subject && !e.none && e.head.empty())
      ok = false, fail(e.line, "a subject rule's example needs 'head' or 'none: true'");
    else if (ok && !e.none && e.value.is_null() && e.region.empty() && e.head.empty() &&
             !names_something)
      ok = false, fail(e.line, "an example needs 'value', 'region' or 'none: true'");
    return ok;
  }

  bool read_examples(Rule& rule, const YAML::Node& node, const Fail& fail) {
    const YAML::Node examples = node["examples"];
    if (!examples || !examples.IsSequence() || examples.size() == 0)
      return fail(line_of(node), "rule has no examples (every rule carries its own tests)"), false;
    bool ok = true;
    for (const auto& ex : examples) {
      Example e;
      if (read_example(ex, rule, e, fail))
        rule.examples.push_back(std::move(e));
      else
        ok = false;
    }
    return ok;
  }

  void build_rule(const RawRule& raw) {
    const YAML::Node& node = raw.node;
    const int line = line_of(node);
    if (!node.IsMap()) return error(raw.file, line, "", "a rule must be a map");
    Rule rule;
    rule.file = raw.file;
    rule.pack = raw.pack;
    rule.line = line;
    const std::string id = node["id"] && node["id"].IsScalar() ? node["id"].Scalar() : "";
    const Fail fail = [&](int at, std::string message) {
      error(raw.file, at, id, std::move(message));
    };
    if (id.empty()) return fail(line, "rule has no 'id'");
    if (!ids_.insert(id).second) return fail(line, "duplicate rule id");
    if (!node["kind"] || !node["pattern"]) return fail(line, "rule needs 'kind' and 'pattern'");
    try {
      const bool ok = read_fields(node, rule, fail) && assign_layer(rule, node, fail) &&
                      compile_pattern(rule, node, fail) && check_layer(rule, node, fail) &&
                      read_context(rule, node, fail) && read_examples(rule, node, fail);
      if (ok) result_.rules.rules.push_back(std::move(rule));
    } catch (const YAML::Exception& e) {
      fail(e.mark.line + 1, "YAML error: " + e.msg);
    }
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
    // Scope cues and subjects matter only where a figure is, like attributes:
    // one automaton, one pass.
    build(
        set.attribute_filter,
        [](const Rule& r) {
          return r.layer == Layer::attribute || r.layer == Layer::subject ||
                 (r.layer == Layer::scope && r.match_on != MatchOn::counted);
        },
        "attribute");
  }

  LoadResult result_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::set<fs::path> seen_;
  std::map<std::string, std::string> macros_, macro_files_;
  std::map<std::string, int> macro_lines_;
  std::vector<RawRule> raw_rules_;
  std::set<std::string> ids_;
  std::string lexicon_file_;  // the first file with a lexicon, for errors in the merged one
};

// Whether a match has the groups its layer must have: the figure an attribute
// names, the speaker a speaker rule names, a subject's figure and head.
bool has_required_groups(const Rule& rule, const Mention& m) {
  switch (rule.layer) {
    case Layer::attribute:
      return m.group("value");
    case Layer::speaker:
      return m.group("who");
    case Layer::subject:
      return m.group("value") && (m.group("head") || !rule.head_is.empty());
    default:
      return true;
  }
}

// A match's named groups that took part, as offsets in the text `s` starts
// at `begin` of.
void add_groups(const Rule& rule, std::string_view s, std::size_t begin,
                const std::vector<re2::StringPiece>& sub, Mention& m) {
  for (std::size_t g = 1; g < sub.size(); ++g) {
    if (rule.group_names[g].empty() || sub[g].data() == nullptr) continue;
    const std::size_t gb = static_cast<std::size_t>(sub[g].data() - s.data());
    m.groups.push_back({rule.group_names[g], begin + gb, begin + gb + sub[g].size()});
  }
}

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

const char* to_string(Kind kind) {
  return util::name_of(kKindNames, kind, "number");
}

std::optional<Kind> kind_from_string(std::string_view name) {
  return util::value_of(kKindNames, name);
}

bool is_figure(Kind kind) {
  return kind <= Kind::ordinal;
}

std::string figure_kind_names() {
  std::string names;
  for (const auto& [kind, name] : kKindNames)
    if (is_figure(kind)) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

const char* to_string(Place place) {
  return place == Place::office ? "office" : place == Place::home ? "home" : "";
}

std::string Error::format() const {
  std::string s = file.empty() ? "rules" : file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!rule.empty()) s += "rule '" + rule + "': ";
  // yaml-cpp and RE2 may quote the bytes they choked on: never print them raw.
  return util::escape_invalid_utf8(s + message);
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
    if (rule.kind == Kind::region) {
      cues.regions.push_back({rule.id, rule.region, rule.extent, rule.re, rule.max_chars});
    } else if (rule.kind == Kind::meta) {
      cues.meta.push_back({rule.id, rule.meta_field, rule.re});
    }
  }
  cues.abbreviations = lexicon.abbreviations;
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
  const bool figures = std::any_of(candidates.begin(), candidates.end(), [&](std::size_t r) {
    return rules.rules[r].kind != Kind::trap;
  });
  filter(rules.speaker_filter);  // also without figures: a quote's attribution
  if (figures) filter(rules.attribute_filter);
  std::sort(candidates.begin(), candidates.end());

  std::vector<Mention> quantities, others;
  std::vector<re2::StringPiece> sub;
  for (const std::size_t index : candidates) {
    const Rule& rule = rules.rules[index];
    // A figure's groups are read only if it survives the overlaps below: most
    // candidates lose to a longer figure, and the groups are what cost.
    const bool groups_later = rule.layer == Layer::quantity;
    sub.assign(groups_later ? 1 : rule.group_names.size(), re2::StringPiece());
    std::size_t pos = 0;
    while (pos <= s.size() && rule.re->Match(s, pos, s.size(), re2::RE2::UNANCHORED, sub.data(),
                                             static_cast<int>(sub.size()))) {
      const std::size_t mb = static_cast<std::size_t>(sub[0].data() - s.data());
      const std::size_t me = mb + sub[0].size();
      if (me > mb && context_ok(rule, s, mb, me)) {
        Mention m{index, begin + mb, begin + me, {}};
        add_groups(rule, s, begin, sub, m);
        // An optional `value`, `who` or `head` group that took no part: nothing named.
        if (!has_required_groups(rule, m)) {
          pos = me;
          continue;
        }
        (groups_later ? quantities : others).push_back(std::move(m));
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
    if (overlaps) continue;
    // The same match again, anchored at both its ends: RE2 gives the groups
    // of the leftmost match it found before.
    const Rule& rule = rules.rules[m.rule];
    sub.assign(rule.group_names.size(), re2::StringPiece());
    if (rule.re->Match(s, m.begin - begin, m.end - begin, re2::RE2::ANCHOR_BOTH, sub.data(),
                       static_cast<int>(sub.size())))
      add_groups(rule, s, begin, sub, m);
    result.push_back(std::move(m));
  }
  for (auto& m : others) result.push_back(std::move(m));
  std::sort(result.begin(), result.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.begin, a.end, a.rule) < std::tie(b.begin, b.end, b.rule);
  });
  return result;
}

}  // namespace claimdiff::ruleset

namespace claimdiff::ruleset {

bool value_matches(const nlohmann::json& expected, const nlohmann::ordered_json& got) {
  if (!expected.is_object()) return false;
  for (const auto& [key, want] : expected.items()) {
    if (!got.contains(key)) return false;
    const auto& have = got[key];
    if (want.is_number() && have.is_number()) {
      const double a = want.get<double>(), b = have.get<double>();
      // Examples write thirds and the like to two decimals.
      if (std::fabs(a - b) > std::max(0.005, 1e-6 * std::fabs(a))) return false;
    } else if (want.dump() != have.dump()) {  // two JSON types: compare as written
      return false;
    }
  }
  return true;
}

namespace {

bool below_any(const std::string& file, const std::vector<fs::path>& roots) {
  if (roots.empty()) return true;
  std::error_code ec;
  const fs::path f = fs::weakly_canonical(file, ec);
  for (const auto& root : roots) {
    const fs::path r = fs::weakly_canonical(root, ec);
    auto [ri, fi] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    if (ri == r.end()) return true;
  }
  return false;
}

std::string expected_text(const Rule& rule, const Example& ex) {
  if (rule.kind == Kind::trap) return "no figure where the trap fires";
  if (ex.none) return "nothing";
  if (!ex.region.empty()) return "region " + ex.region;
  if (!ex.head.empty()) return "head " + ex.head;
  return ex.value.dump();
}

}  // namespace

ExampleTally run_examples(const RuleSet& rules, const ExampleProbe& probe,
                          const std::vector<fs::path>& only, std::ostream& out, bool verbose) {
  ExampleTally tally;
  for (std::size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = rules.rules[r];
    if (!below_any(rule.file, only)) continue;
    for (const auto& ex : rule.examples) {
      const ExampleOutcome outcome = probe(r, ex);
      // A trap holds when no figure is read where it fired; `none`, when the rule made nothing.
      const bool ok = ex.none || rule.kind == Kind::trap ? outcome.got.empty() : outcome.matched;
      if (ok) {
        ++tally.passed;
        if (verbose) out << "ok " << rule.id << ": " << ex.text << "\n";
        continue;
      }
      ++tally.failed;
      std::string got;
      for (const auto& g : outcome.got) got += (got.empty() ? "" : "; ") + g;
      out << rule.file << ":" << ex.line << " " << rule.id << ": expected "
          << expected_text(rule, ex) << ", got " << (got.empty() ? "nothing" : got)
          << "  [text: " << ex.text << "]\n";
    }
  }
  return tally;
}

}  // namespace claimdiff::ruleset
