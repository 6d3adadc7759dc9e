import { fireEvent, screen, waitFor, within } from '@testing-library/react';

/** Types each value into the field of `container` labelled by its key. */
export function typeInto(
  container: HTMLElement,
  values: Record<string, string>,
) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(within(container).getByLabelText(label), {
      target: { value },
    });
  }
}

/** Picks `option` in the select of `container` labelled `label`. */
export async function chooseOption(
  container: HTMLElement,
  label: string,
  option: string,
) {
  fireEvent.mouseDown(within(container).getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

/** Clicks the button of `container` named `name`. */
export function press(container: HTMLElement, name: string) {
  fireEvent.click(within(container).getByRole('button', { name }));
}

/** Clicks the page's button `button` once enabled; answers the dialog it opens. */
export async function openDialog(button: string, dialog: string = button) {
  await waitFor(() =>
    expect(screen.getByRole('button', { name: button })).toBeEnabled(),
  );
  fireEvent.click(screen.getByRole('button', { name: button }));
  return screen.findByRole('dialog', { name: dialog });
}
