// One line of feedback at the bottom of the page, and form submission with errors shown there.

let timer = null;

export function toast(message, error = false) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = error ? 'toast error' : 'toast';
  box.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { box.hidden = true; }, error ? 8000 : 3000);
}

/**
 * Runs `action` when `form` is submitted, with its submit button disabled meanwhile; an error
 * becomes an error toast.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await action();
    } catch (e) {
      toast(e.message, true);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
