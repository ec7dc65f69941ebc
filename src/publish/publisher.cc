#include "publish/publisher.h"

namespace ci_triage::publish {

void Published::merge(Published&& later) {
  auto append = [](std::vector<std::string>& to, std::vector<std::string>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(delivery.notices, later.delivery.notices);
  append(log, later.log);
  if (later.delivery.pr) delivery.pr = later.delivery.pr;
  delivery.suggestion_urls.merge(later.delivery.suggestion_urls);
  if (!later.json_path.empty()) json_path = std::move(later.json_path);
  if (!later.sarif_path.empty()) sarif_path = std::move(later.sarif_path);
}

}  // namespace ci_triage::publish
