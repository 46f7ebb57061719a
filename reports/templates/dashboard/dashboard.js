"use strict";
// Sorting and filtering of the dashboard's tables. Row data comes from a JSON block; the page
// is only ever changed through textContent, hidden and setAttribute, never through HTML.
(function () {
  var collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

  function compare(x, y) {
    if (typeof x === "number" && typeof y === "number") {
      return x - y;
    }
    return collator.compare(String(x), String(y));
  }

  function enhance(table) {
    var name = table.getAttribute("data-table");
    var source = document.getElementById("data-" + name);
    if (!source || !table.tBodies.length || !table.tHead) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    if (rows.length !== data.rows.length) {
      return;
    }
    var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort-key]"));
    var controls = document.querySelector('[data-controls-for="' + name + '"]');
    var search = controls ? controls.querySelector("input[data-search]") : null;
    var selects = controls ? Array.prototype.slice.call(controls.querySelectorAll("select[data-filter]")) : [];
    var counter = controls ? controls.querySelector("[data-count]") : null;
    var state = { key: null, ascending: true };

    function filter() {
      // ё and е are one letter to a reader: the row texts were written with е (dashboard_context).
      var needle = search ? search.value.trim().toLowerCase().replace(/ё/g, "е") : "";
      var shown = 0;
      rows.forEach(function (row, index) {
        var item = data.rows[index];
        var visible = !needle || item.search.indexOf(needle) !== -1;
        selects.forEach(function (select) {
          if (select.value && item.filter[select.getAttribute("data-filter")] !== select.value) {
            visible = false;
          }
        });
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      if (counter) {
        counter.textContent = data.shown.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
      }
    }

    function sortBy(th) {
      var key = Number(th.getAttribute("data-sort-key"));
      state.ascending = state.key === key ? !state.ascending : true;
      state.key = key;
      var order = rows.map(function (row, index) { return index; });
      order.sort(function (a, b) {
        var x = data.rows[a].sort[key];
        var y = data.rows[b].sort[key];
        if (x === null || y === null) {
          // Rows without a value stay at the bottom in both directions.
          return x === y ? a - b : (x === null ? 1 : -1);
        }
        var result = compare(x, y);
        return (state.ascending ? result : -result) || a - b;
      });
      order.forEach(function (index) { body.appendChild(rows[index]); });
      headers.forEach(function (other) {
        var direction = state.ascending ? "ascending" : "descending";
        other.setAttribute("aria-sort", other === th ? direction : "none");
      });
    }

    headers.forEach(function (th) {
      var button = th.querySelector("button");
      if (button) {
        button.addEventListener("click", function () { sortBy(th); });
      }
    });
    if (search) {
      search.addEventListener("input", filter);
    }
    selects.forEach(function (select) { select.addEventListener("change", filter); });
    if (controls) {
      controls.removeAttribute("hidden");
    }
    filter();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-table]"), enhance);
})();
