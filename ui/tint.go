package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tint is a rounded background in a theme color, re-read whenever the theme
// changes, so that it suits both the light and the dark variant.
type tint struct {
	widget.BaseWidget
	// fill is the background's color name and fillAlpha its opacity.
	fill      fyne.ThemeColorName
	fillAlpha uint8
	// stroke is the outline's color name; empty for none.
	stroke fyne.ThemeColorName
	radius float32
}

// newTint makes a background of the color name at alpha (0–255).
func newTint(fill fyne.ThemeColorName, alpha uint8) *tint {
	t := &tint{fill: fill, fillAlpha: alpha, radius: theme.InputRadiusSize()}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the rectangle.
func (t *tint) CreateRenderer() fyne.WidgetRenderer {
	r := &tintRenderer{t: t, rect: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

// tintRenderer draws a tint.
type tintRenderer struct {
	t    *tint
	rect *canvas.Rectangle
}

// Layout sizes the parts to s.
func (r *tintRenderer) Layout(s fyne.Size) { r.rect.Resize(s) }

// MinSize is the smallest size that shows the parts.
func (r *tintRenderer) MinSize() fyne.Size { return fyne.Size{} }

// Objects are the parts drawn.
func (r *tintRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }

// Destroy releases nothing; the parts hold no resources.
func (r *tintRenderer) Destroy() {}

// Refresh re-reads the theme colors.
func (r *tintRenderer) Refresh() {
	r.rect.FillColor = withAlpha(theme.Color(r.t.fill), r.t.fillAlpha)
	if r.t.stroke != "" {
		r.rect.StrokeColor = theme.Color(r.t.stroke)
		r.rect.StrokeWidth = 1
	} else {
		r.rect.StrokeWidth = 0
	}
	r.rect.CornerRadius = r.t.radius
	r.rect.Refresh()
}

// withAlpha is c with its opacity scaled to alpha.
func withAlpha(c color.Color, alpha uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(alpha) / 255)
	return n
}

// newNotice is a tinted box holding an icon and content, for hints, errors
// and confirmations.
func newNotice(colorName fyne.ThemeColorName, icon fyne.Resource, content fyne.CanvasObject) *fyne.Container {
	bg := newTint(colorName, 0x30)
	var left fyne.CanvasObject
	if icon != nil {
		left = container.NewVBox(widget.NewIcon(themedIcon(icon, colorName)))
	}
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, left, nil, content)))
}

// themedIcon colors a theme icon with a color name.
func themedIcon(res fyne.Resource, colorName fyne.ThemeColorName) fyne.Resource {
	return theme.NewColoredResource(res, colorName)
}
