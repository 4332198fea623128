/* The article form's tags: the comma-separated text input becomes a select2 of tags, which
   suggests existing tags (the Tag admin's autocomplete view) and takes new ones as typed. The
   text input stays in the form, hidden, and holds the tags as commas on every change: the
   server reads the same field with or without JavaScript. */
"use strict";
{
    const $ = django.jQuery;

    function quoted(name) {
        // As taggit writes a tag: quoted when it holds a comma or a space.
        const bare = name.replace(/"/g, "");
        return /[, ]/.test(bare) ? '"' + bare + '"' : bare;
    }

    function splitTags(text) {
        // What taggit wrote (``edit_string_for_tags``): quoted names and bare ones, commas between.
        const names = [];
        const pattern = /"([^"]*)"|([^,"]+)/g;
        let match;
        while ((match = pattern.exec(text)) !== null) {
            const name = (match[1] !== undefined ? match[1] : match[2]).trim();
            if (name && !names.includes(name)) {
                names.push(name);
            }
        }
        return names;
    }

    function enhance(input) {
        const select = document.createElement("select");
        select.multiple = true;
        // Not "admin-autocomplete": Django's autocomplete.js would take it over as its own.
        select.className = "tag-autocomplete-select";
        select.setAttribute("aria-label", "Tags");
        for (const name of splitTags(input.value)) {
            select.add(new Option(name, name, true, true));
        }
        input.type = "hidden";
        input.after(select);
        $(select).select2({
            tags: true,
            theme: "admin-autocomplete",
            tokenSeparators: [","],
            width: "100%",
            ajax: {
                url: input.dataset.autocompleteUrl,
                dataType: "json",
                delay: 250,
                data: (params) => ({term: params.term, page: params.page}),
                processResults: (data) => ({
                    results: data.results.map((tag) => ({id: tag.text, text: tag.text})),
                    pagination: data.pagination,
                }),
            },
        }).on("change", () => {
            const names = $(select).val() || [];
            input.value = names.map(quoted).join(", ");
            labelSearch();
        });
        // The box typed into is named as the field is (select2 gives it no label).
        const label = document.querySelector(`label[for="${input.id}"]`);
        const name = label ? label.textContent.replace(/:\s*$/, "").trim() : "Tags";
        function labelSearch() {
            $(select).next(".select2").find(".select2-search__field").attr("aria-label", name);
        }
        labelSearch();
    }

    $(() => {
        document.querySelectorAll("input.tag-autocomplete").forEach(enhance);
    });
}
