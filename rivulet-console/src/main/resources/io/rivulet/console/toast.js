// One line of feedback at the bottom of the page.

let timer = null;

export function toast(message, error = false) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = error ? 'toast error' : 'toast';
  box.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { box.hidden = true; }, error ? 8000 : 3000);
}
