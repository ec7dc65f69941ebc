#include "rules/rule_loader.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <re2/re2.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "rules/embedded.h"
#include "rules/regex_options.h"
#include "rules/rule_image.h"

namespace ci_triage {
namespace {

using Value = rapidjson::Value;

class Loader {
 public:
  /// `compile_check`: compile every regex to validate it (user files). The
  /// built-in table is validated by the unit tests instead (faster start-up).
  Loader(const std::string& file, RuleSet& set, bool compile_check)
      : file_(file), set_(set), compile_check_(compile_check) {}

  void load(std::string_view json) {
    rapidjson::Document doc;
    if (const std::string error = json::parse(doc, json, json::Syntax::kRelaxed); !error.empty())
      fail("$", error);
    if (!doc.IsObject()) fail("$", "expected an object with \"schema\" and \"rules\"");
    if (!doc.HasMember("schema") || !doc["schema"].IsString() ||
        std::string_view(doc["schema"].GetString()) != "ci-triage/rules@1")
      fail("$.schema", "expected \"ci-triage/rules@1\"");
    if (!doc.HasMember("rules") || !doc["rules"].IsArray()) fail("$.rules", "expected an array");
    for (const auto& [key, value] : doc.GetObject()) {
      (void)value;
      const std::string_view k = key.GetString();
      if (k != "schema" && k != "rules" && k != "description" && k != "contexts" && k != "extractors" &&
          k != "vocabulary")
        fail("$." + std::string(k), "unknown key");
    }
    const auto& rules = doc["rules"];
    for (rapidjson::SizeType i = 0; i < rules.Size(); ++i) {
      Rule rule = parse_rule(rules[i], fmt::format("$.rules[{}]", i));
      auto it =
          std::find_if(set_.rules.begin(), set_.rules.end(), [&](const Rule& r) { return r.id == rule.id; });
      if (it != set_.rules.end()) {
        if (it->source == file_) fail(fmt::format("$.rules[{}].id", i), "duplicate id \"" + rule.id + "\"");
        *it = std::move(rule);
      } else {
        set_.rules.push_back(std::move(rule));
      }
    }
    if (doc.HasMember("extractors")) {
      const auto& list = doc["extractors"];
      if (!list.IsArray()) fail("$.extractors", "expected an array");
      for (rapidjson::SizeType i = 0; i < list.Size(); ++i)
        set_.extractors.push_back(parse_extractor(list[i], fmt::format("$.extractors[{}]", i)));
    }
    if (doc.HasMember("vocabulary")) parse_vocabulary(doc["vocabulary"], "$.vocabulary");
    if (!doc.HasMember("contexts")) return;
    const auto& contexts = doc["contexts"];
    if (!contexts.IsArray()) fail("$.contexts", "expected an array");
    for (rapidjson::SizeType i = 0; i < contexts.Size(); ++i) {
      StepContext c = parse_context(contexts[i], fmt::format("$.contexts[{}]", i));
      auto it = std::find_if(set_.contexts.begin(), set_.contexts.end(),
                             [&](const StepContext& x) { return x.id == c.id; });
      if (it != set_.contexts.end()) {
        if (it->source == file_) fail(fmt::format("$.contexts[{}].id", i), "duplicate id \"" + c.id + "\"");
        *it = std::move(c);
      } else {
        set_.contexts.push_back(std::move(c));
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
    throw UsageError(fmt::format("rules file {}: {}: {}", file_, path, problem));
  }

  std::string str(const Value& v, const std::string& path) const {
    if (!v.IsString()) fail(path, "expected a string");
    return {v.GetString(), v.GetStringLength()};
  }

  std::vector<std::string> str_list(const Value& v, const std::string& path) const {
    std::vector<std::string> out;
    if (v.IsString()) {
      out.push_back(str(v, path));
      return out;
    }
    if (!v.IsArray()) fail(path, "expected an array of strings");
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      out.push_back(str(v[i], fmt::format("{}[{}]", path, i)));
    return out;
  }

  // A remedy: a template string, or {"text", "when": {FIELD: REGEX, …}} / {"text", "otherwise": true}.
  std::vector<Remedy> remedies(const Value& v, const std::string& path) const {
    std::vector<Remedy> out;
    if (!v.IsArray()) fail(path, "expected an array of remedies");
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const std::string rp = fmt::format("{}[{}]", path, i);
      Remedy r;
      if (v[i].IsString()) {
        r.text = str(v[i], rp);
        out.push_back(std::move(r));
        continue;
      }
      if (!v[i].IsObject() || !v[i].HasMember("text"))
        fail(rp,
             "expected a string or {\"text\": …, \"when\": {FIELD: REGEX}} or {\"text\": …, \"otherwise\": "
             "true}");
      for (const auto& m : v[i].GetObject()) {
        const std::string k = m.name.GetString();
        if (k != "text" && k != "when" && k != "otherwise" && k != "comment")
          fail(rp + "." + k, "unknown key (text, when, otherwise)");
      }
      r.text = str(v[i]["text"], rp + ".text");
      if (v[i].HasMember("when")) {
        const Value& w = v[i]["when"];
        if (!w.IsObject() || w.MemberCount() == 0) fail(rp + ".when", "expected {FIELD: REGEX, …}");
        for (const auto& [key, value] : w.GetObject()) {
          const std::string wp = rp + ".when." + key.GetString();
          r.when[key.GetString()] = str(value, wp);
          check_regex(r.when[key.GetString()], wp, nullptr);
        }
      }
      if (v[i].HasMember("otherwise")) {
        if (!v[i]["otherwise"].IsBool()) fail(rp + ".otherwise", "expected true or false");
        r.otherwise = v[i]["otherwise"].GetBool();
      }
      if (r.otherwise && !r.when.empty()) fail(rp, "a remedy has \"when\" or \"otherwise\", not both");
      out.push_back(std::move(r));
    }
    return out;
  }

  void check_regex(const std::string& re, const std::string& path, std::set<std::string>* groups) const {
    if (!compile_check_) return;
    RE2 compiled(re, regex_options(re));
    if (!compiled.ok()) fail(path, "invalid regex: " + compiled.error());
    if (groups != nullptr)
      for (const auto& [name, idx] : compiled.NamedCapturingGroups()) {
        (void)idx;
        groups->insert(name);
      }
  }

  static bool kebab(const std::string& s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
  }

  FieldType field_type(const Value& value, const std::string& fp) const {
    const std::string t = str(value, fp);
    if (t == "string") return FieldType::kString;
    if (t == "int") return FieldType::kInt;
    if (t == "number") return FieldType::kNumber;
    if (t == "duration") return FieldType::kDuration;
    if (t == "list") return FieldType::kList;
    fail(fp, "expected \"string\", \"int\", \"number\", \"duration\" or \"list\"");
  }

  FieldExtractor parse_extractor(const Value& v, const std::string& path) const {
    if (!v.IsObject()) fail(path, "expected an object");
    static const std::set<std::string> known = {"field",      "type", "patterns", "where",
                                                "categories", "last", "comment"};
    for (const auto& [key, value] : v.GetObject()) {
      (void)value;
      if (!known.count(key.GetString())) fail(path + "." + key.GetString(), "unknown key");
    }
    FieldExtractor e;
    e.source = file_;
    if (!v.HasMember("field")) fail(path, "missing \"field\"");
    e.field = str(v["field"], path + ".field");
    if (v.HasMember("type")) e.type = field_type(v["type"], path + ".type");
    if (!v.HasMember("patterns")) fail(path, "missing \"patterns\"");
    e.patterns = str_list(v["patterns"], path + ".patterns");
    for (std::size_t i = 0; i < e.patterns.size(); ++i) {
      std::set<std::string> groups;
      check_regex(e.patterns[i], fmt::format("{}.patterns[{}]", path, i), &groups);
      if (compile_check_ && !groups.count(e.field))
        fail(fmt::format("{}.patterns[{}]", path, i), "expected a named group (?P<" + e.field + ">…)");
    }
    e.where =
        v.HasMember("where") ? str_list(v["where"], path + ".where") : std::vector<std::string>{"evidence"};
    for (const auto& w : e.where)
      if (w != "evidence" && w != "command" && w != "job" && w != "output")
        fail(path + ".where", "expected \"evidence\", \"command\", \"job\" or \"output\", got \"" + w + "\"");
    if (v.HasMember("categories")) e.categories = str_list(v["categories"], path + ".categories");
    if (v.HasMember("last")) {
      if (!v["last"].IsBool()) fail(path + ".last", "expected true or false");
      e.last = v["last"].GetBool();
    }
    return e;
  }

  // {"marker": REGEX, "words": [{"category", "pattern", "with"?, "not"?, "strong"?}, …]}: words add to
  // the words of the files before; a marker replaces theirs.
  void parse_vocabulary(const Value& v, const std::string& path) {
    if (!v.IsObject()) fail(path, "expected an object with \"words\"");
    for (const auto& [key, value] : v.GetObject()) {
      (void)value;
      const std::string_view k = key.GetString();
      if (k != "marker" && k != "words" && k != "comment") fail(path + "." + std::string(k), "unknown key");
    }
    if (v.HasMember("marker")) {
      set_.vocabulary_marker = str(v["marker"], path + ".marker");
      check_regex(set_.vocabulary_marker, path + ".marker", nullptr);
    }
    if (!v.HasMember("words")) return;
    const auto& words = v["words"];
    if (!words.IsArray()) fail(path + ".words", "expected an array");
    static const std::set<std::string> known = {"category", "pattern", "with", "not", "strong", "comment"};
    for (rapidjson::SizeType i = 0; i < words.Size(); ++i) {
      const std::string wp = fmt::format("{}.words[{}]", path, i);
      const Value& w = words[i];
      if (!w.IsObject()) fail(wp, "expected an object");
      for (const auto& [key, value] : w.GetObject()) {
        (void)value;
        if (!known.count(key.GetString())) fail(wp + "." + key.GetString(), "unknown key");
      }
      for (const char* key : {"category", "pattern"})
        if (!w.HasMember(key)) fail(wp, fmt::format("missing \"{}\"", key));
      VocabularyWord word;
      word.source = file_;
      word.category = str(w["category"], wp + ".category");
      if (!kebab(word.category) || word.category == "unknown")
        fail(wp + ".category", "\"" + word.category + "\" is not a kebab-case category other than unknown");
      word.pattern = str(w["pattern"], wp + ".pattern");
      check_regex(word.pattern, wp + ".pattern", nullptr);
      if (w.HasMember("with")) {
        word.with = str(w["with"], wp + ".with");
        check_regex(word.with, wp + ".with", nullptr);
      }
      if (w.HasMember("not")) {
        word.unless = str(w["not"], wp + ".not");
        check_regex(word.unless, wp + ".not", nullptr);
      }
      if (w.HasMember("strong")) {
        if (!w["strong"].IsBool()) fail(wp + ".strong", "expected true or false");
        word.strong = w["strong"].GetBool();
      }
      set_.vocabulary.push_back(std::move(word));
    }
  }

  StepContext parse_context(const Value& v, const std::string& path) const {
    if (!v.IsObject()) fail(path, "expected an object");
    static const std::set<std::string> known = {"id",       "category", "tool",   "ecosystem",
                                                "title",    "command",  "uses",   "output",
                                                "remedies", "frame",    "comment"};
    for (const auto& [key, value] : v.GetObject()) {
      (void)value;
      if (!known.count(key.GetString())) fail(path + "." + key.GetString(), "unknown key");
    }
    StepContext c;
    c.source = file_;
    for (const char* key : {"id", "category", "title"})
      if (!v.HasMember(key)) fail(path, fmt::format("missing \"{}\"", key));
    c.id = str(v["id"], path + ".id");
    if (!kebab(c.id)) fail(path + ".id", "\"" + c.id + "\" is not kebab-case");
    c.category = str(v["category"], path + ".category");
    if (!kebab(c.category) || c.category == "unknown")
      fail(path + ".category", "\"" + c.category + "\" is not a kebab-case category other than unknown");
    c.title = str(v["title"], path + ".title");
    if (v.HasMember("tool")) c.tool = str(v["tool"], path + ".tool");
    if (v.HasMember("ecosystem")) c.ecosystem = str(v["ecosystem"], path + ".ecosystem");
    if (v.HasMember("remedies")) c.remedies = remedies(v["remedies"], path + ".remedies");
    if (v.HasMember("frame")) {
      if (!v["frame"].IsBool()) fail(path + ".frame", "expected true or false");
      c.frame = v["frame"].GetBool();
    }
    for (const char* key : {"command", "uses", "output"}) {
      if (!v.HasMember(key)) continue;
      auto list = str_list(v[key], path + "." + key);
      for (std::size_t i = 0; i < list.size(); ++i)
        check_regex(list[i], fmt::format("{}.{}[{}]", path, key, i), nullptr);
      const std::string_view k(key);
      (k == "command" ? c.command : k == "uses" ? c.uses : c.output) = std::move(list);
    }
    if (c.command.empty() && c.uses.empty() && c.output.empty())
      fail(path, "expected at least one of \"command\", \"uses\", \"output\"");
    return c;
  }

  Rule parse_rule(const Value& v, const std::string& path) const {
    if (!v.IsObject()) fail(path, "expected an object");
    static const std::set<std::string> known = {"id",
                                                "category",
                                                "severity",
                                                "priority",
                                                "title",
                                                "summary",
                                                "patterns",
                                                "fields",
                                                "when",
                                                "suppressed_by",
                                                "keep",
                                                "passed",
                                                "location",
                                                "derive",
                                                "causes",
                                                "remedies",
                                                "patch",
                                                "comment",
                                                "fields_from",
                                                "fields_from_command",
                                                "fields_from_tail",
                                                "set",
                                                "absorbs",
                                                "quote_tail",
                                                "category_from_context",
                                                "explains"};
    for (const auto& [key, value] : v.GetObject()) {
      (void)value;
      if (!known.count(key.GetString())) fail(path + "." + key.GetString(), "unknown key");
    }
    auto need = [&](const char* key) -> const Value& {
      if (!v.HasMember(key)) fail(path, fmt::format("missing \"{}\"", key));
      return v[key];
    };
    Rule r;
    r.source = file_;
    r.id = str(need("id"), path + ".id");
    if (!kebab(r.id)) fail(path + ".id", "\"" + r.id + "\" is not kebab-case");
    r.category = str(need("category"), path + ".category");
    if (!kebab(r.category)) fail(path + ".category", "\"" + r.category + "\" is not kebab-case");
    if (v.HasMember("category_from_context")) {
      const auto& c = v["category_from_context"];
      if (c.IsString() && std::string_view(c.GetString(), c.GetStringLength()) == "runbook") {
        r.category_from_context = r.context_runbook_only = true;
      } else if (!c.IsBool()) {
        fail(path + ".category_from_context", "expected true, false or \"runbook\"");
      } else {
        r.category_from_context = c.GetBool();
      }
    }
    r.title = str(need("title"), path + ".title");
    if (v.HasMember("summary")) r.summary = str(v["summary"], path + ".summary");
    if (v.HasMember("severity")) {
      const std::string s = str(v["severity"], path + ".severity");
      if (s == "error")
        r.severity = Severity::kError;
      else if (s == "warning")
        r.severity = Severity::kWarning;
      else if (s == "notice")
        r.severity = Severity::kNotice;
      else
        fail(path + ".severity", "expected \"error\", \"warning\" or \"notice\"");
    }
    if (v.HasMember("priority")) {
      if (!v["priority"].IsInt() || v["priority"].GetInt() < 0 || v["priority"].GetInt() > 100)
        fail(path + ".priority", "expected an integer from 0 to 100");
      r.priority = v["priority"].GetInt();
    }
    std::set<std::string> groups;
    r.patterns = str_list(need("patterns"), path + ".patterns");
    if (r.patterns.empty()) fail(path + ".patterns", "expected at least one pattern");
    for (std::size_t i = 0; i < r.patterns.size(); ++i)
      check_regex(r.patterns[i], fmt::format("{}.patterns[{}]", path, i), &groups);
    for (const char* key : {"fields_from", "fields_from_command", "fields_from_tail"}) {
      if (!v.HasMember(key)) continue;
      auto list = str_list(v[key], path + "." + key);
      for (std::size_t i = 0; i < list.size(); ++i)
        check_regex(list[i], fmt::format("{}.{}[{}]", path, key, i), &groups);
      const std::string_view k(key);
      (k == "fields_from"           ? r.fields_from
       : k == "fields_from_command" ? r.fields_from_command
                                    : r.fields_from_tail) = std::move(list);
    }
    if (v.HasMember("set")) {
      const Value& c = v["set"];
      if (!c.IsObject()) fail(path + ".set", "expected an object of field: value");
      for (const auto& [key, value] : c.GetObject()) {
        if (value.IsString())
          r.constants[key.GetString()] = std::string(value.GetString());
        else if (value.IsNumber())
          r.constants[key.GetString()] = value.GetDouble();
        else
          fail(path + ".set." + key.GetString(), "expected a string or a number");
      }
    }
    if (v.HasMember("fields")) {
      const Value& f = v["fields"];
      if (!f.IsObject()) fail(path + ".fields", "expected an object of name: type");
      for (const auto& [key, value] : f.GetObject()) {
        r.fields[key.GetString()] = field_type(value, path + ".fields." + key.GetString());
      }
    }
    for (const auto& g : groups)  // (empty without compile_check_)
      if (!r.fields.count(g))
        fail(path + ".fields", "named group \"" + g + "\" is not declared in \"fields\"");
    if (v.HasMember("when")) {
      const Value& w = v["when"];
      const std::string wp = path + ".when";
      if (!w.IsObject()) fail(wp, "expected an object");
      for (const auto& [key, value] : w.GetObject()) {
        const std::string k = key.GetString();
        const std::string kp = wp + "." + k;
        if (k == "command") {
          r.command = str(value, kp);
          check_regex(r.command, kp, nullptr);
        } else if (k == "not_command") {
          r.not_command = str(value, kp);
          check_regex(r.not_command, kp, nullptr);
        } else if (k == "step_text" || k == "not_step_text" || k == "job_text" || k == "command_text" ||
                   k == "after" || k == "until") {
          auto list = str_list(value, kp);
          for (std::size_t i = 0; i < list.size(); ++i)
            check_regex(list[i], fmt::format("{}[{}]", kp, i), nullptr);
          if (k == "step_text")
            r.step_text = std::move(list);
          else if (k == "job_text")
            r.job_text = std::move(list);
          else if (k == "command_text")
            r.command_text = std::move(list);
          else if (k == "after")
            r.after = std::move(list);
          else if (k == "until")
            r.until = std::move(list);
          else
            r.not_step_text = std::move(list);
        } else {
          fail(kp,
               "unknown condition (expected command, not_command, step_text, command_text, not_step_text, "
               "job_text, after, until)");
        }
      }
      if (!r.until.empty() && r.after.empty())
        fail(wp + ".until", "needs when.after (the lines that open the section it closes)");
    }
    if (v.HasMember("suppressed_by")) r.suppressed_by = str_list(v["suppressed_by"], path + ".suppressed_by");
    if (v.HasMember("absorbs")) r.absorbs = str_list(v["absorbs"], path + ".absorbs");
    if (v.HasMember("explains")) r.explains = str_list(v["explains"], path + ".explains");
    if (v.HasMember("quote_tail")) {
      if (!v["quote_tail"].IsInt() || v["quote_tail"].GetInt() < 0 || v["quote_tail"].GetInt() > 8)
        fail(path + ".quote_tail", "expected an integer from 0 to 8");
      r.quote_tail = v["quote_tail"].GetInt();
    }
    if (v.HasMember("passed")) {
      if (!v["passed"].IsBool()) fail(path + ".passed", "expected true or false");
      r.passed = v["passed"].GetBool();
      if (r.passed && r.category != "unknown")
        fail(path + ".passed", "only a rule of category \"unknown\" can be a passing run's summary");
    }
    if (v.HasMember("keep")) {
      const std::string k = str(v["keep"], path + ".keep");
      if (k != "first" && k != "last") fail(path + ".keep", "expected \"first\" or \"last\"");
      r.keep_last = k == "last";
    }
    if (v.HasMember("location")) {
      const Value& l = v["location"];
      if (!l.IsObject()) fail(path + ".location", "expected {\"file\": FIELD, \"line\": FIELD}");
      if (l.HasMember("file")) r.location_file = str(l["file"], path + ".location.file");
      if (l.HasMember("line")) r.location_line = str(l["line"], path + ".location.line");
      for (const auto* f : {&r.location_file, &r.location_line})
        if (!f->empty() && !r.fields.count(*f))
          fail(path + ".location", "field \"" + *f + "\" is not declared in \"fields\"");
    }
    if (v.HasMember("derive")) {
      const Value& d = v["derive"];
      if (!d.IsObject()) fail(path + ".derive", "expected an object");
      for (const auto& [key, value] : d.GetObject()) {
        const std::string dp = path + ".derive." + key.GetString();
        const std::string expr = str(value, dp);
        // Alternatives, the first that gives a value wins: "count:LIST" (a list field's size),
        // "sum:A+B" (the numeric fields present, added), e.g. "sum:failures+errors|count:test_ids",
        // or "max:A+B" (the largest of the fields present, a list counting its size); or, alone,
        // "list:A+B" (a list field: the union of the list and string fields present).
        auto declared = [&](const std::string& name, bool list) {
          const auto it = r.fields.find(name);
          return it != r.fields.end() &&
                 (list ? it->second == FieldType::kList
                       : it->second == FieldType::kInt || it->second == FieldType::kNumber);
        };
        std::size_t at = 0;
        while (at <= expr.size()) {
          const std::size_t bar = std::min(expr.find('|', at), expr.size());
          const std::string alt = expr.substr(at, bar - at);
          bool ok = false;
          if (alt.rfind("list:", 0) == 0 && at == 0 && bar == expr.size()) {
            // "list:A+B": the union of list (or string) fields, into a list field; no alternatives.
            const auto target = r.fields.find(key.GetString());
            ok = alt.size() > 5 && target != r.fields.end() && target->second == FieldType::kList;
            for (std::size_t from = 5; ok && from <= alt.size();) {
              const std::size_t plus = std::min(alt.find('+', from), alt.size());
              const auto it = r.fields.find(alt.substr(from, plus - from));
              ok = it != r.fields.end() &&
                   (it->second == FieldType::kList || it->second == FieldType::kString);
              from = plus + 1;
            }
          } else if (alt.rfind("count:", 0) == 0) {
            ok = declared(alt.substr(6), true);
          } else if ((alt.rfind("sum:", 0) == 0 || alt.rfind("max:", 0) == 0) && alt.size() > 4) {
            // max: also takes list fields, as their sizes.
            const bool max = alt[0] == 'm';
            ok = true;
            std::size_t from = 4;
            while (ok && from <= alt.size()) {
              const std::size_t plus = std::min(alt.find('+', from), alt.size());
              const std::string name = alt.substr(from, plus - from);
              ok = declared(name, false) || (max && declared(name, true));
              from = plus + 1;
            }
          }
          if (!ok)
            fail(dp,
                 "expected \"count:LIST\", \"sum:A+B\" or \"max:A+B\" over declared fields (alternatives "
                 "joined by |), or \"list:A+B\" over list fields into a list field, not \"" +
                     alt + "\"");
          at = bar + 1;
        }
        r.derive[key.GetString()] = expr;
      }
    }
    if (v.HasMember("causes")) r.causes = str_list(v["causes"], path + ".causes");
    if (v.HasMember("remedies")) r.remedies = remedies(v["remedies"], path + ".remedies");
    if (v.HasMember("patch") && !v["patch"].IsNull()) r.patch = str(v["patch"], path + ".patch");
    return r;
  }

  const std::string& file_;
  RuleSet& set_;
  bool compile_check_;
};

}  // namespace

void load_rules(std::string_view json, const std::string& file_name, RuleSet& set) {
  Loader(file_name, set, true).load(json);
}

RuleSet builtin_rules(std::string_view image) {
  // The set the build loaded from the same JSON (tools/gen_rules_image.cc): start-up parses none.
  if (std::optional<RuleSet> loaded = deserialize_rule_set(image)) return std::move(*loaded);
  RuleSet set;
  for (const auto& f : embedded::rule_files()) Loader(std::string(f.name), set, false).load(f.content);
  return set;
}

void load_rules_file(const std::string& path, RuleSet& set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("rules file " + path + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  load_rules(ss.str(), path, set);
}

void check_patch_kinds(const RuleSet& set, const std::vector<std::string_view>& patch_kinds) {
  for (const Rule& r : set.rules) {
    if (r.patch.empty() || std::find(patch_kinds.begin(), patch_kinds.end(), r.patch) != patch_kinds.end())
      continue;
    const std::string_view near = closest_word(r.patch, patch_kinds);
    std::string known;
    for (const auto k : patch_kinds) known += (known.empty() ? "" : ", ") + std::string(k);
    throw UsageError(
        fmt::format("rules file {}: rule \"{}\": unknown patch generator \"{}\" ({})", r.source, r.id,
                    r.patch, near.empty() ? "known: " + known : fmt::format("did you mean \"{}\"?", near)));
  }
}

}  // namespace ci_triage
