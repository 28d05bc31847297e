// Command barewindow is the baseline for the desktop app's figures: a bare
// Fyne window with a label, an entry, a button and a list, titled
// "barewindow". bench/run.sh starts it beside oauthdesk.
package main

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("dev.oauthdesk.barewindow")
	w := a.NewWindow("barewindow")
	list := widget.NewList(
		func() int { return 5 },
		func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(fmt.Sprint("row ", i)) },
	)
	w.SetContent(container.NewBorder(
		container.NewVBox(widget.NewLabel("bare window"), widget.NewEntry(), widget.NewButton("Button", func() {})),
		nil, nil, nil, list))
	w.Resize(fyne.NewSize(1120, 760)) // the size oauthdesk opens at, so that both render the same area
	w.ShowAndRun()
}
