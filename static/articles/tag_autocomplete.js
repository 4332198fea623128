/* The article form's tags: the comma-separated text input becomes a select2 of tags, which
   suggests existing tags (the Tag admin's autocomplete view) and takes new ones as typed. The
   text input stays in the form, hidden, and holds the tags as commas on every change: the
   server reads the same field with or without JavaScript. */
"use strict";
{
    const $ = django.jQuery;

    function quoted(name) {
        // As taggit writes a tag with a comma or a space in it.
        return name.includes(",") ? '"' + name.replace(/"/g, "") + '"' : name;
    }

    function splitTags(text) {
        const names = [];
        const pattern = /"([^"]*)"|([^,]+)/g;
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
        select.className = "admin-autocomplete";
        select.setAttribute("aria-label", "Tags");
        for (const name of splitTags(input.value)) {
            select.add(new Option(name, name, true, true));
        }
        input.type = "hidden";
        input.after(select);
        $(select).select2({
            tags: true,
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
        });
    }

    $(() => {
        document.querySelectorAll("input.tag-autocomplete").forEach(enhance);
    });
}
