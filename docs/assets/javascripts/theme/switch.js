// The header's light/dark switch, in place of the theme's inline palette script and of its
// palette component (mkdocs-material components/palette, which the bundle would mount on the
// same form). The theme's component applies the palette again once the whole page is parsed: it
// marks <body> data-md-color-switching and reads the header's computed style, then sets
// <meta name="color-scheme"> and reads it again, then unmarks <body>: three restyles of every
// element of the page at load (on the calculator, on a phone, about a fifth of its blocking time;
// BENCHMARKS.md). This script runs where the theme's inline script ran, in the header, before the
// content is parsed, when a restyle costs next to nothing; a change then works as the theme's:
// the same attributes, the same stored choice (__palette), the same meta tags, Enter switches.
// The theme's automatic option (media "(prefers-color-scheme)") is not handled: mkdocs.yml has
// none (tests/site/test_hosting.py checks).
(() => {
  const form = document.querySelector("form[data-palette]");
  if (!form) return;
  const inputs = Array.from(form.querySelectorAll("input"));
  const header = form.closest("header");
  const body = document.body;
  const meta = (name) => {
    const tag = document.createElement("meta");
    tag.name = name;
    document.head.appendChild(tag);
    return tag;
  };
  const themeColor = meta("theme-color");
  const colorScheme = meta("color-scheme");

  const current = () => {
    const stored = __md_get("__palette");
    const index = stored
      ? stored.index
      : inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
    return Math.max(0, Math.min(index, inputs.length - 1));
  };

  const apply = (index, switching) => {
    // while switching, the theme's CSS turns transitions off so that every colour changes at once
    if (switching) body.setAttribute("data-md-color-switching", "");
    const attribute = (name) => inputs[index].getAttribute(`data-md-color-${name}`);
    const color = {
      media: attribute("media"), scheme: attribute("scheme"),
      primary: attribute("primary"), accent: attribute("accent"),
    };
    for (const [key, value] of Object.entries(color)) body.setAttribute(`data-md-color-${key}`, value);
    // each option's label switches to the next option: only the current one's is shown
    inputs.forEach((input, i) => {
      const label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    __md_set("__palette", { index, color });
    const style = getComputedStyle(header);
    colorScheme.content = style.colorScheme;
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map((value) => (+value).toString(16).padStart(2, "0")).join("");
    if (switching) setTimeout(() => body.removeAttribute("data-md-color-switching"));
  };

  apply(current(), false);
  inputs.forEach((input, index) => input.addEventListener("change", () => apply(index, true)));
  // Enter on the focused switch chooses the next option (the theme's keyboard handling)
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(current() + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
