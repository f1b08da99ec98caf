// The one message box of the calculator (role="alert"): a sentence for the reader and, when
// there is a choice to make, buttons for it. A new message replaces the last one.

export class Notice {
  constructor(box) {
    this.box = box;
    this.text = box.querySelector(".calc-message__text");
    this.actions = box.querySelector(".calc-message__actions");
  }

  // actions: [{label, run}]; choosing one clears the message before running it. {label, href}: a link
  show(text, kind = "info", actions = []) {
    this.text.textContent = text;
    this.box.dataset.kind = kind;
    this.actions.replaceChildren(
      ...actions.map(({ label, run, href }) => {
        if (href) {
          const link = document.createElement("a");
          link.href = href;
          link.className = "md-button";
          link.textContent = label;
          return link;
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = label;
        button.addEventListener("click", () => {
          this.clear();
          run();
        });
        return button;
      }),
    );
    this.actions.hidden = !actions.length;
    this.box.hidden = false;
  }

  clear() {
    this.box.hidden = true;
    this.text.textContent = "";
    this.actions.replaceChildren();
  }

  get shown() {
    return this.box.hidden ? "" : this.text.textContent;
  }
}
