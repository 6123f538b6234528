/**
 * The seed notebook as one reproducible run ({@link io.github.sgdlab.notebook.Notebook}) and the
 * text it prints, formatted as Python formats it
 * ({@link io.github.sgdlab.notebook.NotebookTranscript},
 * {@link io.github.sgdlab.notebook.PythonFormat}).
 */
package io.github.sgdlab.notebook;
