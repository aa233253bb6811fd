// Just enough of a browser for the core's drawing calls to run in node: a
// canvas whose 2-D context accepts every call and measures text by its
// length, ImageData, and a document whose elements have sizes. Nothing is
// drawn; the fuzz suite only needs the core to run its drawing code.

/** A 2-D context: every method exists; text is 0.6 em wide per character. */
class FakeContext {
  constructor(canvas) {
    this.canvas = canvas;
    this.font = '10px sans-serif';
    this.calls = 0;
    return new Proxy(this, {
      get(target, key) {
        if (key in target) return target[key];
        if (typeof key !== 'string') return undefined;
        return () => { target.calls++; };
      },
      set(target, key, value) {
        target[key] = value;
        return true;
      },
    });
  }

  measureText(text) {
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(String(this.font))?.[1] ?? 10);
    const width = 0.6 * px * String(text).length;
    return {
      width,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: width,
      actualBoundingBoxAscent: 0.8 * px,
      actualBoundingBoxDescent: 0.2 * px,
      fontBoundingBoxAscent: 0.8 * px,
      fontBoundingBoxDescent: 0.2 * px,
    };
  }

  putImageData(image) {
    if (!(image instanceof FakeImageData)) throw new TypeError('putImageData needs an ImageData');
  }
}

class FakeImageData {
  constructor(data, width, height) {
    if (width * height * 4 !== data.length) throw new RangeError('ImageData: the data do not match the size');
    Object.assign(this, { data, width, height });
  }
}

class FakeElement {
  constructor(tag) {
    this.tagName = String(tag).toUpperCase();
    this.style = {};
    this.attributes = {};
    this.children = [];
    this.textContent = '';
  }

  setAttribute(k, v) { this.attributes[k] = String(v); }
  append(...c) { this.children.push(...c); }
  appendChild(c) { this.children.push(c); return c; }
  remove() {}
  get innerText() { return this.textContent; }
  set innerText(t) { this.textContent = t; }
  get offsetWidth() { return Math.ceil(6 * String(this.textContent).length); }
  get offsetHeight() { return 12; }
}

class FakeCanvas extends FakeElement {
  constructor(width = 640, height = 480) {
    super('canvas');
    this.width = width;
    this.height = height;
    this.context = null;
  }

  getContext(kind) {
    if (kind !== '2d') return null;
    this.context ??= new FakeContext(this);
    return this.context;
  }

  getBoundingClientRect() { return { x: 0, y: 0, left: 0, top: 0, width: this.width, height: this.height }; }
}

/** Installs the fakes as globals (once); returns a canvas factory. */
export function installDom() {
  if (!globalThis.HTMLCanvasElement) {
    const body = new FakeElement('body');
    const document = {
      body,
      documentElement: body,
      createElement: (tag) => (tag === 'canvas' ? new FakeCanvas() : new FakeElement(tag)),
      getElementById: () => null,
    };
    class FakeWindow {}
    const win = Object.assign(new FakeWindow(), { document, devicePixelRatio: 1 });
    Object.assign(globalThis, {
      window: win,
      Window: FakeWindow,
      document,
      HTMLElement: FakeElement,
      HTMLCanvasElement: FakeCanvas,
      CanvasRenderingContext2D: FakeContext,
      ImageData: FakeImageData,
    });
    win.performance = globalThis.performance;
  }
  return (width, height) => new FakeCanvas(width, height);
}
